"""The command groups several topic modules add to: ``kg train ...`` and ``kg eval ...``."""

from __future__ import annotations

import typer

__all__ = ["eval_app", "train_app"]

train_app = typer.Typer(help="Train the models il6-kg ships (NER, vectors, relations).", no_args_is_help=True)
eval_app = typer.Typer(
    help="Measure il6-kg against gold corpora (NER, grounding, relations).", no_args_is_help=True
)
