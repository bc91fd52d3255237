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
    only, so only the labelled pairs are training examples (``-neg`` variants: the sentence's
    other chemical-protein pairs, unlabelled or of an unused group, as no relation).
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

Three ways to use them (the variants' names say which): ``rows`` adds their pairs to BioRED
Train's, with a sample weight (``-w0.3``: each counts 0.3 of a BioRED pair); ``src`` does the same
plus a feature naming the corpus on each of its pairs (it can absorb their different label
balance); ``aux`` trains an auxiliary model on the corpus alone and gives every BioRED pair of a
type pair the corpus covers its best label and confidence as features (stacking: BioRED's own
labels and balance are untouched).

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

from kg.relation_model.evaluate import as_grounding_documents, score_relations
from kg.relation_model.examples import document_examples, pubtator_mentions
from kg.relation_model.features import Mention, PairCandidate, document_pairs, hash_feature, type_pair_name
from kg.relation_model.model import NO_RELATION, LinearWeights
from kg.relation_model.pubtator import (
    PubTatorDocument,
    PubTatorMention,
    PubTatorRelation,
    default_corpora_dir,
    read_pubtator,
)
from kg.relation_model.train import _allowed_type_pairs

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
    from kg.nlp.pipeline import load_pipeline

    nlp = load_pipeline()
    lexicon = nlp.get_pipe("kg_vocabulary_ner").lexicon
    typed_like_gold = as_grounding_documents(dev)
    disabled = [name for name in ("kg_relation_extractor", "kg_relation_model") if name in nlp.pipe_names]
    with nlp.select_pipes(disable=disabled):
        found = predict(nlp, lexicon, typed_like_gold)
    rows = [[[a.start, a.end, a.type, list(a.ids)] for a in ours.annotations] for ours in found]
    cache.write_text(json.dumps(rows), encoding="utf-8")
    return end_to_end_mentions(dev, cache)


@dataclass
class DevPairs:
    """Dev candidate pairs, relation-only (gold mentions) and end to end (ours), per document."""

    pmids: list[str]
    ro: list[list[PairCandidate]]
    e2e: list[list[PairCandidate]]
    labels: list[str]
    missed: int
    missed_of: list[int]
    gold: dict[str, tuple[PubTatorRelation, ...]]


def dev_pairs(dev: Sequence[PubTatorDocument], ours, allowed) -> DevPairs:
    ro, e2e, labels, missed_of = [], [], [], []
    for document, mentions in zip(dev, ours, strict=True):
        pairs, pair_labels, _ = document_examples(document, allowed)
        ro.append(pairs)
        labels.extend(pair_labels)
        candidates = {(p.id1, p.id2) if p.id1 <= p.id2 else (p.id2, p.id1) for p in pairs}
        missed_of.append(len({r.pair for r in document.relations} - candidates))
        e2e.append(
            document_pairs(
                document.text, mentions, allowed_type_pairs=allowed, boundaries=[len(document.title)]
            )
        )
    gold = {d.pmid: d.relations for d in dev}
    return DevPairs([d.pmid for d in dev], ro, e2e, labels, sum(missed_of), missed_of, gold)


def dev_half(dev: DevPairs, parity: int) -> DevPairs:
    """Every other dev document (``parity`` 0 or 1), for tuning the bias on one half and scoring the other."""
    keep = [i for i in range(len(dev.pmids)) if i % 2 == parity]
    starts = np.cumsum([0] + [len(pairs) for pairs in dev.ro])
    labels = [label for i in keep for label in dev.labels[starts[i] : starts[i + 1]]]
    missed_of = [dev.missed_of[i] for i in keep]
    return DevPairs(
        [dev.pmids[i] for i in keep],
        [dev.ro[i] for i in keep],
        [dev.e2e[i] for i in keep],
        labels,
        sum(missed_of),
        missed_of,
        {dev.pmids[i]: dev.gold[dev.pmids[i]] for i in keep},
    )


def cross_half_f1(relation: LinearWeights, classes: list[str], dev: DevPairs, augment) -> float:
    """Relation-only pair + type F1 with the bias tuned on the other half of dev (a check on tuning)."""
    halves = [dev_half(dev, 0), dev_half(dev, 1)]
    tp = predicted = gold = 0
    for tune, score in ((halves[0], halves[1]), (halves[1], halves[0])):
        bias = tune_bias(relation, classes, tune, augment)
        typed = scores(relation, classes, bias, score, augment)["ro_typed"]
        tp, predicted, gold = tp + typed.tp, predicted + typed.predicted, gold + typed.gold
    return 2 * tp / (predicted + gold)


def tune_bias(relation: LinearWeights, classes: list[str], dev: DevPairs, augment) -> float:
    """The no-relation bias with the best relation-only pair + type F1 (``kg train re``'s grid)."""
    logits = relation.scores([augment(p) for pairs in dev.ro for p in pairs], BUCKETS)
    none = classes.index(NO_RELATION)
    n_gold = sum(1 for g in dev.labels if g != NO_RELATION) + dev.missed
    best_bias, best_f1 = 0.0, -1.0
    for bias in np.arange(-3.0, 3.01, 0.25):
        shifted = logits.copy()
        shifted[:, none] += bias
        predicted = [classes[i] for i in shifted.argmax(axis=1)]
        tp = sum(1 for p, g in zip(predicted, dev.labels, strict=True) if p == g and p != NO_RELATION)
        n_pred = sum(1 for p in predicted if p != NO_RELATION)
        f1 = 0.0 if tp == 0 else 2 * tp / (n_pred + n_gold)
        if f1 > best_f1 + 1e-9:
            best_bias, best_f1 = float(bias), f1
    return round(best_bias, 2)


def scores(relation: LinearWeights, classes: list[str], bias: float, dev: DevPairs, augment) -> dict:
    """Relation-only and end-to-end pair + type / pair scores on dev (the ``kg eval re`` scorer)."""
    result = {}
    none = classes.index(NO_RELATION)
    for mode, per_document in (("ro", dev.ro), ("e2e", dev.e2e)):
        predicted = {}
        for pmid, pairs in zip(dev.pmids, per_document, strict=True):
            if not pairs:
                predicted[pmid] = ()
                continue
            logits = relation.scores([augment(p) for p in pairs], BUCKETS)
            logits[:, none] += bias
            labels = [classes[i] for i in logits.argmax(axis=1)]
            predicted[pmid] = tuple(
                PubTatorRelation(label, p.id1, p.id2)
                for p, label in zip(pairs, labels, strict=True)
                if label != NO_RELATION
            )
        typed, pairs_score, per_type, *_ = score_relations(predicted, dev.gold)
        if mode == "ro":
            # Found gold pairs typed right, per type pair: where the model is weakest.
            result["found"] = Counter()
            result["right"] = Counter()
            flat = [(pmid, p) for pmid, pairs in zip(dev.pmids, dev.ro, strict=True) for p in pairs]
            gold_of = {
                (pmid, p.id1, p.id2): (label, p) for (pmid, p), label in zip(flat, dev.labels, strict=True)
            }
            for pmid, relations in predicted.items():
                for r in relations:
                    label, pair = gold_of.get((pmid, r.id1, r.id2), (NO_RELATION, None))
                    if label != NO_RELATION:
                        tp = type_pair_name(pair.type1, pair.type2)
                        result["found"][tp] += 1
                        result["right"][tp] += r.type == label
        result[f"{mode}_typed"] = typed
        result[f"{mode}_pairs"] = pairs_score
        result[f"{mode}_per_type"] = per_type
    return result


def _plain(pair: PairCandidate) -> tuple[str, ...]:
    return pair.features


class Stacked:
    """Features of an auxiliary model trained on an extra corpus alone, added to every pair.

    The auxiliary model (the same features and fit) labels a BioRED pair with the extra
    corpus's types; its best label and a confidence bucket, alone and conjoined with the
    entity-type pair, become features of the BioRED model, which keeps BioRED's own labels
    and label balance.
    """

    def __init__(self, name: str, rows: Rows) -> None:
        self.name = name
        self.relation, self.classes = fit(rows.features, rows.labels, [1.0] * len(rows.labels))
        self.covered = {f for features in rows.features for f in features if f.startswith("tp=")}

    def extra(self, pairs: Sequence[PairCandidate]) -> list[tuple[str, ...]]:
        logits = self.relation.scores([p.features for p in pairs], BUCKETS)
        logits -= logits.max(axis=1, keepdims=True)
        probabilities = np.exp(logits)
        probabilities /= probabilities.sum(axis=1, keepdims=True)
        out = []
        for pair, row in zip(pairs, probabilities, strict=True):
            tp = next((f for f in pair.features if f.startswith("tp=")), "tp=?")
            if tp not in self.covered:
                out.append(())
                continue
            best = int(row.argmax())
            label, confidence = self.classes[best], float(row[best])
            bucket = "hi" if confidence >= 0.8 else "mid" if confidence >= 0.5 else "lo"
            features = [f"aux_{self.name}={label}", f"aux_{self.name}={label}:{bucket}"]
            features += [f"{tp}|{f}" for f in features]
            out.append(tuple(features))
        return out


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
    started = time.perf_counter()
    base_pairs: list[PairCandidate] = []
    base = Rows([], [])
    for document in train:
        pairs, labels, _ = document_examples(document, allowed)
        base_pairs.extend(pairs)
        base.features.extend(list(p.features) for p in pairs)
        base.labels.extend(labels)
    devp = dev_pairs(dev, end_to_end_mentions(dev, args.cache), allowed)
    print(f"BioRED Train: {len(base.labels)} pairs ({time.perf_counter() - started:.0f} s)", flush=True)

    def corpus(name: str) -> Extra:
        if name.startswith("chemprot"):
            # "chemprot3456n": the unlabelled chemical-protein pairs of the sentences as no relation
            groups = name.removeprefix("chemprot").removesuffix("n")
            documents, negatives = read_chemprot(relations / "ChemProt", groups), name.endswith("n")
        elif name.startswith("ppi"):
            label = "Bind" if name == "ppi-bind" else "Association"
            documents, negatives = read_ppi(relations / "PPI", label), True
        else:
            task, use = name.split("-", 1)
            documents = read_bionlp(relations / f"bionlp-st-2013-{task}", task, frozenset(use.split("+")))
            negatives = True
        kept, dropped = drop_dev(documents, dev)
        return Extra(name, kept, negatives, dropped)

    extras_cache: dict[str, Rows] = {}

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
            extras_cache[name] = rows
        return extras_cache[name]

    bionlp = ("ge-regulation+binding", "cg-regulation+binding", "pc-regulation+binding")
    # variant -> (extra corpora, how: "rows" adds their pairs with a weight, "src" the same plus a
    # source feature, "aux" stacks an auxiliary model trained on them; row weight)
    variants = {
        "baseline": ((), "rows", 1.0),
        "chemprot34": (("chemprot34",), "rows", 1.0),
        "chemprot34-w0.3": (("chemprot34",), "rows", 0.3),
        "chemprot3456": (("chemprot3456",), "rows", 1.0),
        "chemprot3456-w0.3": (("chemprot3456",), "rows", 0.3),
        "chemprot3456-w0.1": (("chemprot3456",), "rows", 0.1),
        "chemprot34569-w0.3": (("chemprot34569",), "rows", 0.3),
        "chemprot3456-src": (("chemprot3456",), "src", 1.0),
        "chemprot3456-neg": (("chemprot3456n",), "rows", 1.0),
        "chemprot3456-neg-w0.3": (("chemprot3456n",), "rows", 0.3),
        "chemprot34569-neg-w0.3": (("chemprot34569n",), "rows", 0.3),
        "chemprot34569-neg-w0.1": (("chemprot34569n",), "rows", 0.1),
        "chemprot3456-aux": (("chemprot3456",), "aux", 1.0),
        "chemprot34569-aux": (("chemprot34569",), "aux", 1.0),
        "chemprot34569-neg-aux": (("chemprot34569n",), "aux", 1.0),
        "ppi": (("ppi",), "rows", 1.0),
        "ppi-w0.3": (("ppi",), "rows", 0.3),
        "ppi-src": (("ppi",), "src", 1.0),
        "ppi-bind-w0.3": (("ppi-bind",), "rows", 0.3),
        "ppi-aux": (("ppi",), "aux", 1.0),
        "ge": (("ge-regulation+binding",), "rows", 1.0),
        "ge-w0.3": (("ge-regulation+binding",), "rows", 0.3),
        "ge-src": (("ge-regulation+binding",), "src", 1.0),
        "bionlp-w0.3": (bionlp, "rows", 0.3),
        "bionlp-src": (bionlp, "src", 1.0),
        "bionlp-aux": (bionlp, "aux", 1.0),
        "all-w0.3": (("chemprot3456", "ppi", *bionlp), "rows", 0.3),
        "all-aux": (("chemprot3456", "ppi", *bionlp), "aux", 1.0),
        "chemprot34569+bionlp-aux": (("chemprot34569", *bionlp), "aux", 1.0),
    }
    chosen = args.variants or list(variants)
    unknown = [v for v in chosen if v not in variants]
    if unknown:
        sys.exit(f"unknown variants {unknown}; known: {', '.join(variants)}")
    print(
        f"{'variant':<22} {'rows':>6}  relation-only P/R/F1 / pairs  end-to-end P/R/F1 / pairs  bias  "
        "cross-half: relation-only F1 with the bias tuned on the other dev half",
        flush=True,
    )
    for name in chosen:
        names, how, weight = variants[name]
        started = time.perf_counter()
        features, labels, weights = list(base.features), list(base.labels), [1.0] * len(base.labels)
        augment = _plain
        added = 0
        if how == "aux":
            # One auxiliary model per corpus family (BioNLP-ST's three tasks are one).
            groups: dict[str, Rows] = {}
            for extra_name in names:
                family = extra_name.split("-")[0].rstrip("0123456789")
                family = "bionlp" if family in ("ge", "cg", "pc") else family
                rows = extra_rows(extra_name)
                group = groups.setdefault(family, Rows([], []))
                group.features.extend(rows.features)
                group.labels.extend(rows.labels)
                added += len(rows.labels)
            stacks = [Stacked(family, rows) for family, rows in sorted(groups.items())]
            dev_all = [p for pairs in (*devp.ro, *devp.e2e) for p in pairs]
            dev_extra = [stack.extra(dev_all) for stack in stacks]
            extra_of = {
                id(p): tuple(x for extra in dev_extra for x in extra[i]) for i, p in enumerate(dev_all)
            }

            def augment(pair: PairCandidate, extra_of=extra_of) -> tuple[str, ...]:
                return pair.features + extra_of[id(pair)]

            per_stack = [stack.extra(base_pairs) for stack in stacks]
            features = [
                list(f) + [x for extra in per_stack for x in extra[i]] for i, f in enumerate(features)
            ]
        else:
            for extra_name in names:
                rows = extra_rows(extra_name)
                tag = [f"src={extra_name.split('-')[0]}"] if how == "src" else []
                features.extend(f + tag for f in rows.features)
                labels.extend(rows.labels)
                weights.extend([weight] * len(rows.labels))
                added += len(rows.labels)
        relation, classes = fit(features, labels, weights)
        bias = tune_bias(relation, classes, devp, augment)
        s = scores(relation, classes, bias, devp, augment)
        crossed = cross_half_f1(relation, classes, devp, augment)
        per_type = s["ro_per_type"]
        ro, e2e = s["ro_typed"], s["e2e_typed"]
        print(
            f"{name:<22} {added:>6}  "
            f"{ro.precision * 100:4.1f}/{ro.recall * 100:4.1f}/{ro.f1 * 100:4.1f} / "
            f"{s['ro_pairs'].f1 * 100:4.1f}"
            f"   {e2e.precision * 100:4.1f}/{e2e.recall * 100:4.1f}/{e2e.f1 * 100:4.1f} / "
            f"{s['e2e_pairs'].f1 * 100:4.1f}  {bias:+.2f}  cross-half {crossed * 100:4.1f}  "
            f"(Assoc {per_type['Association'].f1 * 100:.1f}, Pos "
            f"{per_type['Positive_Correlation'].f1 * 100:.1f}, Neg "
            f"{per_type['Negative_Correlation'].f1 * 100:.1f}, Bind {per_type['Bind'].f1 * 100:.1f}; "
            f"typed right of found: {sum(s['right'].values())}/{sum(s['found'].values())}, Chem|Gene "
            f"{s['right']['Chem|Gene']}/{s['found']['Chem|Gene']}, Gene|Gene "
            f"{s['right']['Gene|Gene']}/{s['found']['Gene|Gene']}; "
            f"{time.perf_counter() - started:.0f} s)",
            flush=True,
        )


if __name__ == "__main__":
    main()
