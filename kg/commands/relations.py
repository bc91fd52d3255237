"""``kg train re``, ``kg eval re`` and ``kg eval cues``: thin wrappers over library functions."""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

__all__ = ["eval_cues", "eval_re", "train_re"]

console = Console(stderr=True)
stdout = Console()
_LOG = logging.getLogger(__name__)

CorporaOption = Annotated[
    Path | None,
    typer.Option(help="The gold corpora folder (default: $IL6KG_CORPORA or ../shared/corpora)."),
]


def _corpus_file(corpora: Path | None, name: str) -> Path:
    from kg.relation_model.pubtator import default_corpora_dir

    return (corpora or default_corpora_dir()) / "relations" / "BioRED" / name


def _read(path: Path):
    from kg.relation_model.pubtator import PubTatorError, read_pubtator

    try:
        documents = read_pubtator(path)
    except PubTatorError as error:
        console.print(f"[red]error:[/] {escape(str(error))}", highlight=False)
        raise typer.Exit(code=2) from None
    if not documents:
        console.print(f"[red]error:[/] {escape(str(path))}: no document in this file", highlight=False)
        raise typer.Exit(code=2)
    return documents


def _score_cells(score) -> tuple[str, ...]:
    """TP, predicted, gold, then P, R and F1 in percent: the columns of every score table."""
    return (
        str(score.tp),
        str(score.predicted),
        str(score.gold),
        f"{100 * score.precision:.1f}",
        f"{100 * score.recall:.1f}",
        f"{100 * score.f1:.1f}",
    )


def _print_scores(result, title: str) -> None:
    table = Table(title=escape(title))
    for column in ("relation", "TP", "predicted", "gold", "P", "R", "F1"):
        table.add_column(column, justify="left" if column == "relation" else "right")
    rows = [*result.per_type.items(), ("pair + type", result.typed), ("pair (any type)", result.pairs)]
    for label, score in rows:
        table.add_row(Text(label), *_score_cells(score))
    stdout.print(table)
    if result.novelty_accuracy is not None:
        stdout.print(
            f"novelty accuracy on correctly predicted pairs: {100 * result.novelty_accuracy:.1f}% "
            f"({result.novelty_scored} relations)"
        )
    if result.novelty_gold_accuracy is not None:
        stdout.print(
            f"novelty accuracy given gold pairs and types: {100 * result.novelty_gold_accuracy:.1f}%"
        )
    for note in result.notes:
        stdout.print(note, highlight=False)


def train_re(
    corpora: CorporaOption = None,
    train_file: Annotated[
        Path | None, typer.Option("--train", help="A PubTator training file (default: BioRED Train).")
    ] = None,
    dev_file: Annotated[
        Path | None, typer.Option("--dev", help="A PubTator dev file to tune on (default: BioRED Dev).")
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Model folder (default: the one shipped in kg).")
    ] = None,
    c: Annotated[float | None, typer.Option(help="Inverse regularisation strength.")] = None,
) -> None:
    """Train the relation model (BioRED types + novelty) and write it to --out."""
    from kg.relation_model.evaluate import evaluate_relation_only
    from kg.relation_model.model import DEFAULT_MODEL_DIR
    from kg.relation_model.train import TrainingSettings, save_model, train_model

    train_path = train_file or _corpus_file(corpora, "Train.PubTator")
    dev_path = dev_file or _corpus_file(corpora, "Dev.PubTator")
    train_docs = _read(train_path)
    dev_docs = _read(dev_path) if dev_file is not None or dev_path.is_file() else None
    settings = TrainingSettings() if c is None else TrainingSettings(c=c)
    started = time.perf_counter()
    try:
        with console.status(f"Training on {len(train_docs)} documents..."):
            model = train_model(train_docs, dev_docs, settings, corpora=[train_path.name])
    except ValueError as error:
        console.print(f"[red]error:[/] {escape(str(error))}", highlight=False)
        raise typer.Exit(code=2) from None
    elapsed = time.perf_counter() - started
    target = out or DEFAULT_MODEL_DIR
    save_model(model, target)
    size = sum(f.stat().st_size for f in target.iterdir() if f.is_file())
    console.print(
        f"[bold green]Trained[/] in {elapsed:.1f} s; wrote {target} ({size / 1024:.0f} KiB, "
        f"{len(model.relation.index)} weighted features, no-relation bias {model.none_bias:+.2f}).",
        highlight=False,
    )
    if dev_docs:
        _print_scores(evaluate_relation_only(model, dev_docs), f"{dev_path.name}, relation-only")


def eval_re(
    gold_file: Annotated[
        Path | None, typer.Argument(help="A BioRED-format PubTator file (default: BioRED Dev).")
    ] = None,
    corpora: CorporaOption = None,
    model_dir: Annotated[
        Path | None, typer.Option("--model", help="A model folder (default: the shipped one).")
    ] = None,
    end_to_end: Annotated[
        bool, typer.Option("--end-to-end", help="Use our NER and grounding instead of the gold entities.")
    ] = False,
    predictions_out: Annotated[
        Path | None, typer.Option("--predictions-out", help="Write predicted relations as PubTator lines.")
    ] = None,
) -> None:
    """Score the relation model on a BioRED-format file (P/R/F1 per type, pairs, novelty)."""
    from kg.io import atomic_write_text
    from kg.relation_model.evaluate import evaluate_end_to_end, evaluate_relation_only
    from kg.relation_model.model import ModelError, RelationModel, load_default_model
    from kg.relation_model.pubtator import format_relation_lines

    path = gold_file or _corpus_file(corpora, "Dev.PubTator")
    documents = _read(path)
    try:
        model = RelationModel.load(model_dir) if model_dir else load_default_model()
    except ModelError as error:
        console.print(f"[red]error:[/] {escape(str(error))}", highlight=False)
        raise typer.Exit(code=2) from None
    if end_to_end:
        from kg.nlp.pipeline import load_pipeline

        with console.status("Running the NLP pipeline..."):
            result = evaluate_end_to_end(model, documents, load_pipeline())
        mode = "end-to-end"
    else:
        result = evaluate_relation_only(model, documents)
        mode = "relation-only"
    _print_scores(result, f"{path.name}, {mode}")
    if predictions_out is not None:
        text = "".join(
            format_relation_lines(document.pmid, result.predictions.get(document.pmid, ()))
            for document in documents
        )
        atomic_write_text(predictions_out, text)
        console.print(f"  wrote {escape(str(predictions_out))}", highlight=False)


_CUE_CORPORA = ("bionlp-st-2013-ge", "bionlp-st-2013-cg", "bionlp-st-2013-pc")


def eval_cues(
    folders: Annotated[
        list[Path] | None,
        typer.Argument(help="BioNLP-ST standoff folders (.txt/.a1/.a2); default: 2013 GE, CG, PC train."),
    ] = None,
    corpora: CorporaOption = None,
    examples: Annotated[
        int, typer.Option(min=0, help="Print this many wrongly marked events of each kind.")
    ] = 0,
) -> None:
    """Score negation and speculation cues against BioNLP-ST event modifications (P/R/F1 per corpus)."""
    import kg.nlp.factories  # noqa: F401 - registers kg_sentencizer
    from kg.evaluation.cues import StandoffError, evaluate_event_cues, read_standoff_folder
    from kg.nlp.pipeline import load_tokenizer_only
    from kg.relation_model.pubtator import default_corpora_dir

    if not folders:
        root = (corpora or default_corpora_dir()) / "relations"
        folders = [root / name / "train" for name in _CUE_CORPORA]
    nlp = load_tokenizer_only()
    nlp.add_pipe("kg_sentencizer")
    table = Table(title="Negation and speculation of top-level events")
    for column in ("folder", "cue", "events", "TP", "predicted", "gold", "P", "R", "F1"):
        table.add_column(column, justify="left" if column in ("folder", "cue") else "right")
    mistakes: list[tuple[str, str, list[str]]] = []
    for folder in folders:
        try:
            documents = read_standoff_folder(folder)
        except (StandoffError, OSError) as error:
            console.print(f"[red]error:[/] {escape(str(error))}", highlight=False)
            raise typer.Exit(code=2) from None
        result = evaluate_event_cues(documents, nlp, examples=examples)
        name = (folder.parent.name if folder.name == "train" else folder.name).removeprefix("bionlp-st-")
        for kind, score in result.scores.items():
            table.add_row(Text(name), kind, str(result.events), *_score_cells(score))
        for kind, score in result.pair_scores.items():
            table.add_row(Text(name), f"{kind} (model)", str(result.pair_events), *_score_cells(score))
        mistakes.extend((name, label, found) for label, found in sorted(result.examples.items()))
    stdout.print(table)
    for name, label, found in mistakes:
        stdout.print(Text(f"{name}: {label}", style="bold"))
        for line in found:
            stdout.print(Text(f"  {line}"))
