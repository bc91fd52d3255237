"""Measuring the pipeline against gold corpora."""
