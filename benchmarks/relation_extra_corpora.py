"""Other relation corpora as extra training data for the relation model (run by hand).

Usage: nice -n 10 python benchmarks/relation_extra_corpora.py [--cache FILE] [VARIANT ...]
(default: all variants; the corpora folder is $IL6KG_CORPORA or ../shared/corpora).

Issue 5 asks for the relation model to be trained on "BioRED first, plus the BioNLP-ST 2013
GE/CG/PC events, CDR, ChemProt and PPI where they help, tuned on BioRED dev". CDR was tried
before (it hurt). This script reads the other three as BioRED-style documents, adds their
candidate pairs to BioRED Train's, retrains the model exactly as ``kg train re`` does
(logistic regression, C 0.02, features seen at least twice, the no-relation bias tuned on BioRED
dev over the same grid) and prints BioRED dev pair + type and pair F1, relation-only (gold
entities, the figures of ``kg eval re``) and end to end (our entities, the figures of
``kg eval re --end-to-end``; the pipeline runs once and its entities are cached in ``--cache``).

How each corpus becomes BioRED-style documents (concept ids are the lower-cased mention text,
prefixed by the corpus, so two mentions with the same name in a document are one concept):

ChemProt (allenai/scibert copy: one line per positive chemical-protein pair of a sentence)
    the lines of one sentence form one document with every marked chemical and protein;
    CPR:3 (UPREGULATOR, ACTIVATOR, INDIRECT-UPREGULATOR) -> Positive_Correlation, CPR:4
    (DOWNREGULATOR, INHIBITOR, INDIRECT-DOWNREGULATOR) -> Negative_Correlation, CPR:5 (AGONIST*)
    -> Positive_Correlation, CPR:6 (ANTAGONIST) -> Negative_Correlation, CPR:9 (SUBSTRATE,
    PRODUCT-OF) -> Association; which groups are used is the variant's. The file holds positives
    only, so only the labelled pairs are training examples.
PPI (AIMed, BioInfer, HPRD50, IEPA, LLL; XML with entities and interactions)
    one document per abstract; gene-gene pairs that share a sentence, labelled Association (or
    Bind) when some sentence annotates their interaction, else no relation.
BioNLP-ST 2013 GE, CG, PC (standoff .a1/.a2)
    one document per file; genes/proteins/complexes, simple chemicals and (CG) cancers;
    Positive_regulation and Activation -> Positive_Correlation, Negative_regulation and
    Inactivation -> Negative_Correlation, Regulation -> Association, between the Cause and the
    entities the Theme names (directly or through a non-regulation event such as Gene_expression
    or Phosphorylation); Binding -> Bind between its themes. Pairs that share a sentence and no
    event are no relation.

Documents whose PMID (or, for ChemProt, whose sentence) is in BioRED Dev are dropped, so dev
stays unseen; the script prints how many.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression

from kg.relation_model.evaluate import score_relations
from kg.relation_model.examples import document_examples, pubtator_mentions
from kg.relation_model.features import Mention, document_pairs, hash_feature
from kg.relation_model.model import NO_RELATION, LinearWeights, RelationModel, load_default_model
from kg.relation_model.pubtator import (
    PubTatorDocument,
    PubTatorMention,
    PubTatorRelation,
    default_corpora_dir,
    read_pubtator,
)
from kg.relation_model.train import _allowed_type_pairs, _tune_none_bias

BUCKETS = 1 << 20
GENE, CHEM, DIS = "GeneOrGeneProduct", "ChemicalEntity", "DiseaseOrPhenotypicFeature"


@dataclass
class Extra:
    """One corpus as BioRED-style documents, and whether its unlabelled pairs are negatives."""

    name: str
    documents: list[PubTatorDocument]
    negatives: bool
    dropped: int = 0


def _concept(prefix: str, text: str) -> str:
    return f"{prefix}:{' '.join(text.lower().split())}"


def _document(pmid: str, text: str, mentions, relations) -> PubTatorDocument:
    """A document whose whole text is its title (no title/abstract split is known)."""
    return PubTatorDocument(pmid, text, "", tuple(mentions), tuple(relations))


# ---------------------------------------------------------------- ChemProt
CHEMPROT_GROUPS = {
    "UPREGULATOR": "3",
    "ACTIVATOR": "3",
    "INDIRECT-UPREGULATOR": "3",
    "DOWNREGULATOR": "4",
    "INHIBITOR": "4",
    "INDIRECT-DOWNREGULATOR": "4",
    "AGONIST": "5",
    "AGONIST-ACTIVATOR": "5",
    "AGONIST-INHIBITOR": "5",
    "ANTAGONIST": "6",
    "SUBSTRATE": "9",
    "PRODUCT-OF": "9",
    "SUBSTRATE_PRODUCT-OF": "9",
}
CHEMPROT_TYPES = {
    "3": "Positive_Correlation",
    "4": "Negative_Correlation",
    "5": "Positive_Correlation",
    "6": "Negative_Correlation",
    "9": "Association",
}
_MARK = re.compile(r"<< (.+?) >>|\[\[ (.+?) \]\]")


def _unmark(marked: str) -> tuple[str, list[tuple[int, int, str, str]]]:
    """The sentence without markers and its (start, end, text, type) marked spans."""
    out, spans, position = [], [], 0
    length = 0
    for match in _MARK.finditer(marked):
        out.append(marked[position : match.start()])
        length += match.start() - position
        text = match.group(1) or match.group(2)
        kind = GENE if match.group(1) else CHEM
        spans.append((length, length + len(text), text, kind))
        out.append(text)
        length += len(text)
        position = match.end()
    out.append(marked[position:])
    return "".join(out), spans


def read_chemprot(folder: Path, groups: str) -> list[PubTatorDocument]:
    """ChemProt sentences (train + dev files) as documents; only CPR groups in ``groups`` kept."""
    by_sentence: dict[str, dict] = {}
    for name in ("train.txt", "dev.txt"):
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            text, spans = _unmark(row["text"])
            entry = by_sentence.setdefault(text, {"spans": {}, "relations": []})
            ids = []
            for start, end, mention, kind in spans:
                concept = _concept("cp" + kind[0], mention)
                entry["spans"][(start, end)] = (mention, kind, concept)
                ids.append((kind, concept))
            group = CHEMPROT_GROUPS[row["label"]]
            if group in groups and len(ids) == 2:
                chem = next(c for k, c in ids if k == CHEM)
                gene = next(c for k, c in ids if k == GENE)
                entry["relations"].append(PubTatorRelation(CHEMPROT_TYPES[group], chem, gene))
    documents = []
    for number, (text, entry) in enumerate(by_sentence.items()):
        mentions = [
            PubTatorMention(s, e, m, kind, (concept,))
            for (s, e), (m, kind, concept) in sorted(entry["spans"].items())
        ]
        documents.append(_document(f"chemprot{number}", text, mentions, entry["relations"]))
    return documents


# ---------------------------------------------------------------- PPI
PPI_CORPORA = ("AIMed", "BioInfer", "HPRD50", "IEPA", "LLL")


def _offsets(value: str) -> tuple[int, int]:
    """The first span of a PPI charOffset ("60-75" or "3-5,9-12"), end exclusive."""
    first = value.split(",")[0]
    start, end = first.split("-")
    return int(start), int(end) + 1


def read_ppi(folder: Path, label: str) -> list[PubTatorDocument]:
    """The five PPI corpora, one document per abstract; interactions labelled ``label``."""
    documents = []
    for corpus in PPI_CORPORA:
        root = ET.parse(folder / f"{corpus}-train.xml").getroot()
        for document in root.iter("document"):
            pmid = document.get("origId") or document.get("PMID") or document.get("id")
            if corpus == "IEPA":
                pmid = document.get("PMID")
            text, mentions, relations = "", [], []
            for sentence in document.iter("sentence"):
                base = len(text) + (1 if text else 0)
                sentence_text = sentence.get("text")
                text = f"{text} {sentence_text}" if text else sentence_text
                concept_of = {}
                for entity in sentence.iter("entity"):
                    start, end = _offsets(entity.get("charOffset"))
                    mention = sentence_text[start:end]
                    end -= len(mention) - len(mention.rstrip())  # a few spans end exclusive
                    mention = mention.rstrip()
                    if not mention:
                        continue
                    concept = _concept("ppi", mention)
                    concept_of[entity.get("id")] = concept
                    mentions.append(PubTatorMention(base + start, base + end, mention, GENE, (concept,)))
                for interaction in sentence.iter("interaction"):
                    if interaction.get("type", "PPI") not in ("PPI", "True", None):
                        continue
                    a, b = concept_of.get(interaction.get("e1")), concept_of.get(interaction.get("e2"))
                    if a and b and a != b:
                        relations.append(PubTatorRelation(label, a, b))
            documents.append(_document(f"{corpus}:{pmid}", text, mentions, relations))
    return documents


# ---------------------------------------------------------------- BioNLP-ST 2013
BIONLP_ENTITY_TYPES = {
    "Protein": GENE,
    "Gene_or_gene_product": GENE,
    "Complex": GENE,
    "Simple_chemical": CHEM,
    "Cancer": DIS,
}
BIONLP_REGULATION = {
    "Positive_regulation": "Positive_Correlation",
    "Activation": "Positive_Correlation",
    "Negative_regulation": "Negative_Correlation",
    "Inactivation": "Negative_Correlation",
    "Regulation": "Association",
}
BIONLP_BINDING = {"Binding"}


def _targets(argument: str, events: dict, concept_of: dict[str, str], depth: int = 0) -> set[str]:
    """The entities an event argument names, directly or through non-regulation events."""
    if argument in concept_of:
        return {concept_of[argument]}
    if argument not in events or depth > 3:
        return set()
    kind, arguments = events[argument]
    if kind in BIONLP_REGULATION:  # nested regulation: the sign would compose; left out
        return set()
    return {
        t
        for role, value in arguments
        if role.startswith("Theme")
        for t in _targets(value, events, concept_of, depth + 1)
    }


def read_bionlp(folder: Path, task: str, use: frozenset[str]) -> list[PubTatorDocument]:
    """One BioNLP-ST 2013 task's training files; ``use`` holds "regulation" and/or "binding"."""
    documents = []
    for txt in sorted((folder / "train").glob("*.txt")):
        text = txt.read_text(encoding="utf-8")
        entities: dict[str, tuple[int, int, str, str]] = {}
        events: dict[str, tuple[str, list[tuple[str, str]]]] = {}
        equivalent: dict[str, str] = {}
        for suffix in (".a1", ".a2"):
            path = txt.with_suffix(suffix)
            if not path.exists():
                continue
            for line in path.read_text(encoding="utf-8").splitlines():
                fields = line.split("\t")
                if line.startswith("T") and len(fields) >= 3:
                    kind, *offsets = fields[1].replace(";", " ").split()
                    if kind in BIONLP_ENTITY_TYPES:
                        entities[fields[0]] = (int(offsets[0]), int(offsets[1]), fields[2], kind)
                elif line.startswith("E") and len(fields) >= 2:
                    kind_trigger, *arguments = fields[1].split()
                    kind = kind_trigger.split(":")[0]
                    events[fields[0]] = (kind, [tuple(a.split(":", 1)) for a in arguments if ":" in a])
                elif line.startswith("*") and len(fields) >= 2:
                    _, *members = fields[1].split()
                    for member in members[1:]:
                        equivalent[member] = members[0]
        concept_of = {}
        for tid, (*_, kind) in entities.items():
            head = entities.get(equivalent.get(tid, tid), entities[tid])
            concept_of[tid] = _concept(f"{task}{BIONLP_ENTITY_TYPES[kind][0]}", head[2])

        targets = partial(_targets, events=events, concept_of=concept_of)
        relations = []
        for kind, arguments in events.values():
            if kind in BIONLP_REGULATION and "regulation" in use:
                causes = {t for role, v in arguments if role.startswith("Cause") for t in targets(v)}
                themes = {t for role, v in arguments if role.startswith("Theme") for t in targets(v)}
                for cause in sorted(causes):
                    for theme in sorted(themes):
                        if cause != theme:
                            relations.append(PubTatorRelation(BIONLP_REGULATION[kind], cause, theme))
            elif kind in BIONLP_BINDING and "binding" in use:
                themes = sorted({t for role, v in arguments if role.startswith("Theme") for t in targets(v)})
                for i, a in enumerate(themes):
                    for b in themes[i + 1 :]:
                        relations.append(PubTatorRelation("Bind", a, b))
        mentions = [
            PubTatorMention(start, end, mention, BIONLP_ENTITY_TYPES[kind], (concept_of[tid],))
            for tid, (start, end, mention, kind) in sorted(entities.items(), key=lambda x: x[1][:2])
        ]
        # The offsets count characters of the .txt file; its newlines become spaces.
        documents.append(_document(f"{task}:{txt.stem}", text.replace("\n", " "), mentions, relations))
    return documents


# ---------------------------------------------------------------- dev overlap
def drop_dev(documents: list[PubTatorDocument], dev: Sequence[PubTatorDocument]) -> tuple[list, int]:
    """Documents whose PMID or text (a sentence of a dev abstract) is in BioRED Dev are dropped."""
    dev_pmids = {d.pmid for d in dev}
    dev_text = "\n".join(" ".join(d.text.split()) for d in dev)
    kept, dropped = [], 0
    for document in documents:
        digits = re.findall(r"\d{6,9}", document.pmid)
        normalized = " ".join(document.text.split())
        if (digits and digits[-1] in dev_pmids) or (len(normalized) > 40 and normalized in dev_text):
            dropped += 1
        else:
            kept.append(document)
    return kept, dropped


# ---------------------------------------------------------------- training
@dataclass
class Rows:
    features: list[list[str]]
    labels: list[str]


def examples(documents: Sequence[PubTatorDocument], allowed, negatives: bool, cooccurring: bool) -> Rows:
    """Candidate pairs of extra documents: labelled pairs, and (``negatives``) unlabelled ones as None."""
    rows = Rows([], [])
    for document in documents:
        gold: dict[tuple[str, str], str] = {}
        for relation in document.relations:
            gold.setdefault(relation.pair, relation.type)
        pairs = document_pairs(
            document.text,
            pubtator_mentions(document),
            allowed_type_pairs=allowed,
            require_cooccurrence=cooccurring,
        )
        for pair in pairs:
            key = (pair.id1, pair.id2) if pair.id1 <= pair.id2 else (pair.id2, pair.id1)
            label = gold.get(key, NO_RELATION)
            if label == NO_RELATION and not negatives:
                continue
            rows.features.append(list(pair.features))
            rows.labels.append(label)
    return rows


def fit(feature_sets, labels, weights, c: float = 0.02) -> tuple[LinearWeights, list[str]]:
    """``kg train re``'s fit (min count 2, lbfgs, C 0.02), with per-row sample weights."""
    hashed = [sorted({hash_feature(f, BUCKETS) for f in features}) for features in feature_sets]
    counts = Counter(h for row in hashed for h in row)
    kept = sorted(h for h, n in counts.items() if n >= 2)
    columns = {h: i for i, h in enumerate(kept)}
    indptr, indices = [0], []
    for row in hashed:
        indices.extend(columns[h] for h in row if h in columns)
        indptr.append(len(indices))
    matrix = sp.csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(hashed), len(columns)))
    classifier = LogisticRegression(C=c, max_iter=300, random_state=13)
    classifier.fit(matrix, list(labels), sample_weight=np.asarray(weights, dtype=np.float64))
    coef = classifier.coef_.T
    keep = np.abs(coef).max(axis=1) > 1e-4
    weights_ = LinearWeights(
        index=np.asarray(kept, dtype=np.int64)[keep],
        weights=coef[keep].astype(np.float16),
        bias=classifier.intercept_.astype(np.float32),
    )
    return weights_, [str(x) for x in classifier.classes_]


def end_to_end_mentions(dev: Sequence[PubTatorDocument], cache: Path) -> list[list[Mention]]:
    """Our pipeline's entities on dev, as ``kg eval re --end-to-end`` maps them (cached)."""
    if cache.exists():
        rows = json.loads(cache.read_text(encoding="utf-8"))
        return [[Mention(s, e, t, tuple(ids)) for s, e, t, ids in row] for row in rows]
    from kg.evaluation.grounding import predict
    from kg.evaluation.pubtator import PubTatorAnnotation
    from kg.evaluation.pubtator import PubTatorDocument as GroundingDocument
    from kg.nlp.pipeline import load_pipeline

    nlp = load_pipeline()
    lexicon = nlp.get_pipe("kg_vocabulary_ner").lexicon
    typed_like_gold = [
        GroundingDocument(
            d.pmid,
            d.title,
            d.abstract,
            [PubTatorAnnotation(m.start, m.end, m.text, m.type, m.ids) for m in d.mentions],
        )
        for d in dev
    ]
    disabled = [name for name in ("kg_relation_extractor", "kg_relation_model") if name in nlp.pipe_names]
    with nlp.select_pipes(disable=disabled):
        found = predict(nlp, lexicon, typed_like_gold)
    rows = [[[a.start, a.end, a.type, list(a.ids)] for a in ours.annotations] for ours in found]
    cache.write_text(json.dumps(rows), encoding="utf-8")
    return end_to_end_mentions(dev, cache)


def scores(model: RelationModel, dev, ours) -> dict[str, float]:
    """Relation-only and end-to-end pair + type / pair F1 on dev (the ``kg eval re`` scorer)."""
    result = {}
    gold = {d.pmid: d.relations for d in dev}
    for mode, mentions_of in (("ro", lambda i, d: pubtator_mentions(d)), ("e2e", lambda i, d: ours[i])):
        predicted = {}
        for i, document in enumerate(dev):
            pairs = model.pairs(document.text, mentions_of(i, document), boundaries=[len(document.title)])
            predicted[document.pmid] = tuple(
                PubTatorRelation(p.label, p.pair.id1, p.pair.id2)
                for p in model.predict_pairs(pairs)
                if p.label != NO_RELATION
            )
        typed, pairs_score, per_type, *_ = score_relations(predicted, gold)
        result[f"{mode}_typed"] = typed
        result[f"{mode}_pairs"] = pairs_score
        result[f"{mode}_per_type"] = per_type
    return result


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("variants", nargs="*")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/relation_extra_e2e.json"))
    args = parser.parse_args(argv)
    corpora = default_corpora_dir()
    relations = corpora / "relations"
    train = read_pubtator(relations / "BioRED" / "Train.PubTator")
    dev = read_pubtator(relations / "BioRED" / "Dev.PubTator")
    allowed = _allowed_type_pairs(train)
    shipped = load_default_model()
    started = time.perf_counter()
    base = Rows([], [])
    for document in train:
        pairs, labels, _ = document_examples(document, allowed)
        base.features.extend(list(p.features) for p in pairs)
        base.labels.extend(labels)
    ours = end_to_end_mentions(dev, args.cache)
    print(f"BioRED Train: {len(base.labels)} pairs ({time.perf_counter() - started:.0f} s)", flush=True)

    def corpus(name: str) -> Extra:
        if name.startswith("chemprot"):
            groups = {"chemprot34": "34", "chemprot3456": "3456", "chemprot34569": "34569"}[name]
            documents, negatives = read_chemprot(relations / "ChemProt", groups), False
        elif name.startswith("ppi"):
            label = "Bind" if name == "ppi-bind" else "Association"
            documents, negatives = read_ppi(relations / "PPI", label), True
        else:
            task, use = name.split("-", 1)
            documents = read_bionlp(relations / f"bionlp-st-2013-{task}", task, frozenset(use.split("+")))
            negatives = True
        kept, dropped = drop_dev(documents, dev)
        return Extra(name, kept, negatives, dropped)

    extras_cache: dict[str, tuple[Extra, Rows]] = {}

    def extra_rows(name: str) -> Rows:
        if name not in extras_cache:
            extra = corpus(name)
            rows = examples(extra.documents, allowed, extra.negatives, cooccurring=True)
            counts = Counter(rows.labels)
            print(
                f"  {name}: {len(extra.documents)} documents ({extra.dropped} in BioRED Dev dropped), "
                f"{len(rows.labels)} pairs: {dict(sorted(counts.items()))}",
                flush=True,
            )
            extras_cache[name] = (extra, rows)
        return extras_cache[name][1]

    # variant -> (extra corpora, weight of their rows, source indicator feature)
    variants = {
        "baseline": ((), 1.0, False),
        "chemprot34": (("chemprot34",), 1.0, False),
        "chemprot34-w0.3": (("chemprot34",), 0.3, False),
        "chemprot3456": (("chemprot3456",), 1.0, False),
        "chemprot3456-w0.3": (("chemprot3456",), 0.3, False),
        "chemprot34569-w0.3": (("chemprot34569",), 0.3, False),
        "chemprot3456-src": (("chemprot3456",), 1.0, True),
        "ppi": (("ppi",), 1.0, False),
        "ppi-w0.3": (("ppi",), 0.3, False),
        "ppi-src": (("ppi",), 1.0, True),
        "ppi-bind-w0.3": (("ppi-bind",), 0.3, False),
        "ge-regulation+binding": (("ge-regulation+binding",), 1.0, False),
        "ge-regulation+binding-w0.3": (("ge-regulation+binding",), 0.3, False),
        "ge-regulation+binding-src": (("ge-regulation+binding",), 1.0, True),
        "bionlp-all-w0.3": (
            ("ge-regulation+binding", "cg-regulation+binding", "pc-regulation+binding"),
            0.3,
            False,
        ),
        "all-w0.3": (
            (
                "chemprot3456",
                "ppi",
                "ge-regulation+binding",
                "cg-regulation+binding",
                "pc-regulation+binding",
            ),
            0.3,
            False,
        ),
    }
    chosen = args.variants or list(variants)
    unknown = [v for v in chosen if v not in variants]
    if unknown:
        sys.exit(f"unknown variants {unknown}; known: {', '.join(variants)}")
    header = f"{'variant':<30} {'rows':>6}  relation-only typed / pairs   end-to-end typed / pairs  bias"
    print(header, flush=True)
    for name in chosen:
        names, weight, source = variants[name]
        started = time.perf_counter()
        features, labels, weights = list(base.features), list(base.labels), [1.0] * len(base.labels)
        for extra_name in names:
            rows = extra_rows(extra_name)
            tag = [f"src={extra_name.split('-')[0]}"] if source else []
            features.extend(f + tag for f in rows.features)
            labels.extend(rows.labels)
            weights.extend([weight] * len(rows.labels))
        relation, classes = fit(features, labels, weights)
        meta = dict(shipped.meta, labels=classes, none_bias=0.0)
        model = RelationModel(meta, relation, shipped.novelty)
        model.none_bias = _tune_none_bias(model, dev)
        s = scores(model, dev, ours)
        per_type = s["ro_per_type"]
        print(
            f"{name:<30} {len(labels) - len(base.labels):>6}  "
            f"{s['ro_typed'].precision * 100:4.1f}/{s['ro_typed'].recall * 100:4.1f}/"
            f"{s['ro_typed'].f1 * 100:4.1f} / {s['ro_pairs'].f1 * 100:4.1f}   "
            f"{s['e2e_typed'].precision * 100:4.1f}/{s['e2e_typed'].recall * 100:4.1f}/"
            f"{s['e2e_typed'].f1 * 100:4.1f} / {s['e2e_pairs'].f1 * 100:4.1f}  {model.none_bias:+.2f}  "
            f"(Assoc {per_type['Association'].f1 * 100:.1f}, Pos "
            f"{per_type['Positive_Correlation'].f1 * 100:.1f}, Neg "
            f"{per_type['Negative_Correlation'].f1 * 100:.1f}, Bind {per_type['Bind'].f1 * 100:.1f}; "
            f"{time.perf_counter() - started:.0f} s)",
            flush=True,
        )


if __name__ == "__main__":
    main()
