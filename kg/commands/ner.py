"""``kg train ner`` and ``kg eval ner``: thin wrappers over the NER library functions.

See :mod:`kg.nlp.training`, :mod:`kg.nlp.vectors` and :mod:`kg.nlp.ner_eval`.
"""

from __future__ import annotations

import ast
import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from kg.commands.groups import eval_app, train_app

if TYPE_CHECKING:
    from kg.nlp.ner_eval import LabelMap

__all__ = ["eval_ner_command", "train_ner_command", "train_tok2vec_command", "train_vectors_command"]

console = Console(stderr=True)
stdout = Console()

PIPELINES = ("model", "combined", "dictionary")


def _fail(message: str) -> typer.Exit:
    console.print(f"[red]error:[/] {escape(message)}", highlight=False)
    return typer.Exit(code=2)


def _parse_overrides(items: list[str]) -> dict[str, object]:
    overrides: dict[str, object] = {}
    for item in items:
        key, separator, value = item.partition("=")
        if not separator or not key:
            raise _fail(f"--set expects section.key=VALUE, got {item!r}")
        # Values as in spaCy configs: JSON (true, 0.1, "x"), else Python literals, else text.
        try:
            overrides[key] = json.loads(value)
        except ValueError:
            try:
                overrides[key] = ast.literal_eval(value)
            except (ValueError, SyntaxError):
                overrides[key] = value
    return overrides


@train_app.command("ner")
def train_ner_command(
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the trained pipeline.")],
    config: Annotated[
        Path | None, typer.Option("--config", "-c", help="spaCy config. Default: configs/ner_bionlp13cg.cfg.")
    ] = None,
    corpus: Annotated[
        list[str] | None,
        typer.Option("--corpus", help="Corpus folder name(s) under ner/ (train.tsv + devel.tsv)."),
    ] = None,
    train: Annotated[list[Path] | None, typer.Option("--train", help="IOB2 training file(s).")] = None,
    dev: Annotated[list[Path] | None, typer.Option("--dev", help="IOB2 devel file(s).")] = None,
    corpora: Annotated[
        Path | None,
        typer.Option("--corpora", help="Corpora folder (default $IL6KG_CORPORA or ../shared/corpora)."),
    ] = None,
    vectors: Annotated[
        Path | None,
        typer.Option("--vectors", help="spaCy vectors model (see `kg train vectors`); the tok2vec uses it."),
    ] = None,
    override: Annotated[
        list[str] | None, typer.Option("--set", help="spaCy config override, e.g. training.max_steps=20.")
    ] = None,
    work_dir: Annotated[
        Path | None, typer.Option("--work-dir", help="Keep converted corpora and checkpoints here.")
    ] = None,
    partial_corpus: Annotated[
        list[str] | None,
        typer.Option(
            "--partial-corpus",
            help="Extra training corpus that annotates only some types (e.g. BioNLP13PC); repeatable. "
            "Each corpus's labels are mapped with its own labels/<name>_partial.tsv, or --partial-labels.",
        ),
    ] = None,
    partial_labels: Annotated[
        list[str] | None,
        typer.Option(
            "--partial-labels",
            help="Label mapping (shipped name or file) for each --partial-corpus, in the same order; "
            "repeat it once per corpus.",
        ),
    ] = None,
    open_corpus: Annotated[
        list[str] | None,
        typer.Option(
            "--open-corpus",
            help="Extra training corpus that annotates only some types, read with set-valued targets: "
            "its 'O' tokens may be any type it does not annotate (e.g. NCBI-disease); repeatable. "
            "Labels mapped with labels/<name>_open.tsv (first label trained, the others allowed), "
            "or --open-labels.",
        ),
    ] = None,
    open_labels: Annotated[
        list[str] | None,
        typer.Option(
            "--open-labels",
            help="Label mapping (shipped name or file) for each --open-corpus, in the same order.",
        ),
    ] = None,
    init_tok2vec: Annotated[
        Path | None,
        typer.Option("--init-tok2vec", help="Pretrained tok2vec weights (see `kg train tok2vec`)."),
    ] = None,
) -> None:
    """Train the statistical NER (tok2vec + ner) on IOB2 gold corpora.

    By default trains on BioNLP13CG's train split and picks the best
    checkpoint on its devel split.
    """
    from kg.nlp.iob import IOBError
    from kg.nlp.training import OpenCorpus, TrainingError, corpora_root, default_config_path, train_ner

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    overrides = _parse_overrides(override or [])
    if vectors is not None:
        if not (vectors / "vocab").is_dir():
            raise _fail(f"{vectors} is not a spaCy vectors model (no vocab/ folder)")
        overrides["paths.vectors"] = str(vectors)
        overrides["components.tok2vec.model.embed.include_static_vectors"] = True
    if init_tok2vec is not None:
        if not init_tok2vec.is_file():
            raise _fail(f"{init_tok2vec}: no such file (expected weights from `kg train tok2vec`)")
        overrides["paths.init_tok2vec"] = str(init_tok2vec)
    root = (corpora or corpora_root()) / "ner"
    train_files = list(train or [])
    dev_files = list(dev or [])
    if not train_files and not dev_files:
        for name in corpus or ["BioNLP13CG"]:
            train_files.append(root / name / "train.tsv")
            dev_files.append(root / name / "devel.tsv")
    if not train_files or not dev_files:
        raise _fail("give both --train and --dev files, or --corpus names")
    partial_corpora = [
        (root / name / "train.tsv", dict(mapping.gold))
        for name, mapping in _corpus_label_maps(partial_corpus, partial_labels, "partial")
    ]
    open_corpora = [
        OpenCorpus.from_label_map(root / name / "train.tsv", mapping)
        for name, mapping in _corpus_label_maps(open_corpus, open_labels, "open")
    ]
    try:
        result = train_ner(
            config or default_config_path(),
            out,
            train_files=train_files,
            dev_files=dev_files,
            overrides=overrides,
            work_dir=work_dir,
            partial_corpora=partial_corpora,
            open_corpora=open_corpora,
        )
    except (TrainingError, IOBError) as error:
        raise _fail(str(error)) from None
    f1 = result.scores.get("ents_f")
    console.print(
        f"[bold green]Trained[/] {escape(str(result.model_path))}"
        + (f" (devel exact-span F1 {100 * f1:.2f})" if f1 is not None else ""),
        highlight=False,
    )


def _corpus_label_maps(
    names: list[str] | None, map_names: list[str] | None, kind: str
) -> list[tuple[str, LabelMap]]:
    """Each ``--<kind>-corpus`` name with its label map (``--<kind>-labels``, or labels/<name>_<kind>.tsv).

    Raises the CLI's usage error when the counts differ or a map cannot be read.
    """
    from kg.nlp.ner_eval import LabelMapError, load_label_map

    names, map_names = list(names or []), list(map_names or [])
    if map_names and len(map_names) != len(names):
        raise _fail(
            f"{len(map_names)} --{kind}-labels for {len(names)} --{kind}-corpus: give one mapping per "
            f"corpus, in the same order, or none (each corpus then uses labels/<name>_{kind}.tsv)"
        )
    defaults = [f"{name.lower().replace('-', '_')}_{kind}" for name in names]
    found = []
    for name, map_name in zip(names, map_names or defaults, strict=True):
        try:
            found.append((name, load_label_map(map_name)))
        except LabelMapError as error:
            raise _fail(f"--{kind}-corpus {name}: {error}") from None
    return found


@train_app.command("vectors")
def train_vectors_command(
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the spaCy vectors model.")],
    corpora: Annotated[
        Path | None,
        typer.Option("--corpora", help="Corpora folder (default $IL6KG_CORPORA or ../shared/corpora)."),
    ] = None,
) -> None:
    """Train floret word vectors on the unlabelled abstracts (devel-split abstracts left out)."""
    from kg.nlp.training import corpora_root
    from kg.nlp.vectors import DEFAULT_DEVEL_CORPORA, DEFAULT_TEXT_CORPORA, build_vectors

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    root = corpora or corpora_root()
    if not (root / "abstracts" / "abstract_pool.jsonl").is_file():
        raise _fail(f"no abstracts/abstract_pool.jsonl under {root}")
    build_vectors(root, out, text_corpora=DEFAULT_TEXT_CORPORA, devel_corpora=DEFAULT_DEVEL_CORPORA)
    console.print(f"[bold green]Wrote[/] vectors to {escape(str(out))}", highlight=False)


@train_app.command("tok2vec")
def train_tok2vec_command(
    out: Annotated[Path, typer.Option("--out", "-o", help="Weights file to write (.bin).")],
    vectors: Annotated[
        Path,
        typer.Option(
            "--vectors", help="The vectors model the NER will use (the encoder learns to predict them)."
        ),
    ],
    config: Annotated[
        Path | None,
        typer.Option("--config", "-c", help="NER training config. Default: configs/ner_bionlp13cg.cfg."),
    ] = None,
    corpora: Annotated[
        Path | None,
        typer.Option("--corpora", help="Corpora folder (default $IL6KG_CORPORA or ../shared/corpora)."),
    ] = None,
    override: Annotated[
        list[str] | None, typer.Option("--set", help="Config override, e.g. pretraining.max_epochs=2.")
    ] = None,
    resume: Annotated[
        Path | None,
        typer.Option("--resume", help="Continue from weights an earlier `kg train tok2vec` wrote."),
    ] = None,
) -> None:
    """Pretrain the NER's tok2vec on the unlabelled abstracts (devel-split abstracts left out)."""
    from kg.nlp.pretraining import pretrain_tok2vec
    from kg.nlp.training import corpora_root, default_config_path
    from kg.nlp.vectors import DEFAULT_DEVEL_CORPORA

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    root = corpora or corpora_root()
    pool = root / "abstracts" / "abstract_pool.jsonl"
    if not pool.is_file():
        raise _fail(f"no abstracts/abstract_pool.jsonl under {root}")
    if not (vectors / "vocab").is_dir():
        raise _fail(f"{vectors} is not a spaCy vectors model (no vocab/ folder)")
    if resume is not None and not resume.is_file():
        raise _fail(f"{resume}: no such file (expected weights from `kg train tok2vec`)")
    devel = [root / "ner" / name / "devel.tsv" for name in DEFAULT_DEVEL_CORPORA]
    pretrain_tok2vec(
        config or default_config_path(),
        out,
        abstracts=pool,
        exclude_files=[path for path in devel if path.is_file()],
        vectors=vectors,
        overrides=_parse_overrides(override or []),
        resume=resume,
    )
    console.print(f"[bold green]Wrote[/] pretrained tok2vec weights to {escape(str(out))}", highlight=False)


def _score_table(evaluation, title: str) -> Table:
    table = Table(title=escape(title))
    for column in ("type", "gold", "predicted", "correct", "P", "R", "F1"):
        table.add_column(column, justify="left" if column == "type" else "right")
    for score in (*evaluation.per_type, evaluation.overall):
        table.add_row(
            Text(score.label),
            str(score.gold),
            str(score.predicted),
            str(score.true_positives),
            f"{100 * score.precision:.2f}",
            f"{100 * score.recall:.2f}",
            f"{100 * score.f1:.2f}",
        )
    return table


@eval_app.command("ner")
def eval_ner_command(
    gold: Annotated[Path, typer.Argument(help="IOB2 gold file (token<TAB>label).")],
    model: Annotated[
        str | None,
        typer.Option("--model", "-m", help="spaCy model name or path. Default: the shipped model."),
    ] = None,
    labels: Annotated[
        str | None,
        typer.Option(
            "--labels", "-l", help="Label mapping file, or a shipped one: bionlp13cg, jnlpba, bc5cdr ..."
        ),
    ] = None,
    pipeline: Annotated[
        str,
        typer.Option(
            "--pipeline",
            "-p",
            help="model: the NER alone (its own labels); combined: NER + dictionary (Biolink "
            "categories); dictionary: vocabulary matcher alone.",
        ),
    ] = "model",
    predictions_out: Annotated[
        Path | None, typer.Option("--predictions-out", help="Write the input with predicted labels added.")
    ] = None,
) -> None:
    """Exact-span precision, recall and F1 of a NER pipeline on an IOB2 file, overall and per type."""
    from kg.nlp.iob import IOBError, read_iob
    from kg.nlp.ner_eval import LabelMapError, evaluate_ner, load_label_map, write_predictions
    from kg.nlp.pipeline import ModelLoadError, load_ner_model, load_pipeline

    if pipeline not in PIPELINES:
        raise _fail(f"--pipeline must be one of {', '.join(PIPELINES)}")
    if not gold.is_file():
        raise _fail(f"{gold}: no such file")
    if pipeline == "dictionary" and model is not None:
        raise _fail("--pipeline dictionary uses no model; drop --model")
    try:
        label_map = load_label_map(labels) if labels else None
        # Check the whole file before loading any model: a bad line fails fast.
        for _ in read_iob(gold):
            pass
        with console.status("Loading the pipeline..."):
            nlp = load_ner_model(model) if pipeline == "model" else load_pipeline(model, entities=pipeline)
        with console.status(f"Tagging {gold.name}..."):
            evaluation = evaluate_ner(gold, nlp, label_map=label_map)
    except (IOBError, LabelMapError, ModelLoadError) as error:
        raise _fail(str(error)) from None
    except UnicodeDecodeError as error:
        raise _fail(f"{gold}: not UTF-8 text ({error.reason})") from None
    stdout.print(_score_table(evaluation, f"{gold} ({evaluation.sentences} sentences, {pipeline})"))
    overall = evaluation.overall
    stdout.print(
        f"exact-span micro P {100 * overall.precision:.2f}  R {100 * overall.recall:.2f}  "
        f"F1 {100 * overall.f1:.2f}",
        highlight=False,
    )
    if predictions_out is not None:
        write_predictions(gold, predictions_out, evaluation, label_map)
        console.print(f"wrote {escape(str(predictions_out))}", highlight=False)
