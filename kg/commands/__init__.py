"""Command groups of the ``kg`` CLI, each a Typer sub-app registered in :mod:`kg.cli`."""
