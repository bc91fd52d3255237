"""Every spaCy registration il6-kg makes, in one place.

spaCy finds these through the ``spacy_factories`` and ``spacy_tokenizers``
entry points declared in ``pyproject.toml``, so a saved pipeline that names
``kg_vocabulary_ner`` loads without importing :mod:`kg` first. Importing
this module also imports scispaCy's abbreviation detector, which registers
itself.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable

import scispacy.abbreviation  # noqa: F401 - registers "abbreviation_detector"
import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.vectors import Vectors
from spacy.vocab import Vocab
from thinc.api import Model

from kg.nlp.biluo_ner import BiluoEntityTagger
from kg.nlp.combine import EntityCombiner, ModelSpans
from kg.nlp.entities import VocabularyEntityMatcher
from kg.nlp.extensions import ensure_extensions
from kg.nlp.fast_ops import use_fast_inference, use_numpy_blas
from kg.nlp.lexicon_features import LexiconFeatures
from kg.nlp.patterns import find_pattern_relations
from kg.nlp.relations import find_relations
from kg.nlp.sentences import split_sentences
from kg.nlp.static_vectors import cached_vectors_factory
from kg.nlp.tokenizer import build_tokenizer
from kg.nlp.variants import VariantRecognizer
from kg.relation_model.component import RelationModelComponent

# scispaCy's abbreviation detector runs an empty Matcher on documents without
# abbreviations, and spaCy warns (W036) every time; the warning is noise here.
warnings.filterwarnings("ignore", message=r"\[W036\].*'matcher'", category=UserWarning)

__all__ = [
    "RelationExtractor",
    "make_biluo_ner",
    "make_cached_vectors",
    "make_entity_combiner",
    "make_fast_inference",
    "make_lexicon_features",
    "make_model_spans",
    "make_numpy_blas_ops",
    "make_relation_extractor",
    "make_relation_model",
    "make_sequence_variants",
    "make_tokenizer",
    "make_vocabulary_ner",
    "sentencizer",
]


@spacy.registry.tokenizers("il6kg.biomedical_tokenizer.v1")
def make_tokenizer() -> Callable[[Language], Tokenizer]:
    """Registered tokenizer: scispaCy's rules plus il6-kg's compound splitting."""
    return build_tokenizer


@spacy.registry.callbacks("il6kg.fast_inference.v1")
def make_fast_inference() -> Callable[[Language], Language]:
    """Registered ``after_pipeline_creation`` callback: :func:`kg.nlp.fast_ops.use_fast_inference`."""
    return use_fast_inference


@spacy.registry.callbacks("il6kg.numpy_blas_ops.v1")
def make_numpy_blas_ops() -> Callable[[Language], Language]:
    """Registered callback of models trained before ``il6kg.fast_inference.v1``: numpy's BLAS only."""
    return use_numpy_blas


@spacy.registry.vectors("il6kg.cached_vectors.v1")
def make_cached_vectors(max_cached: int = 50_000) -> Callable[[Vocab], Vectors]:
    """Registered ``[nlp.vectors]``: spaCy vectors that cache floret vectors (same numbers, faster)."""
    return cached_vectors_factory(max_cached)


@Language.component("kg_sentencizer", assigns=["token.is_sent_start"])
def sentencizer(doc: Doc) -> Doc:
    """Rule-based sentence splitting for abstracts (see :mod:`kg.nlp.sentences`)."""
    return split_sentences(doc)


@Language.factory(
    "kg_vocabulary_ner",
    default_config={"vocabulary_path": None, "lexicon_path": None, "overwrite_ents": True},
    assigns=["doc.ents", "doc.spans", "doc._.kg_entity_sources"],
)
def make_vocabulary_ner(
    nlp: Language, name: str, vocabulary_path: str | None, lexicon_path: str | None, overwrite_ents: bool
) -> VocabularyEntityMatcher:
    """Factory for :class:`kg.nlp.entities.VocabularyEntityMatcher`."""
    return VocabularyEntityMatcher(
        nlp, name, vocabulary_path=vocabulary_path, lexicon_path=lexicon_path, overwrite_ents=overwrite_ents
    )


@Language.factory(
    "kg_lexicon_features",
    default_config={"lexicon_path": None, "vocabulary_path": None, "phrases": False, "stoplist": "grounding"},
    assigns=["token.tag", "token.lemma"],
)
def make_lexicon_features(
    nlp: Language,
    name: str,
    lexicon_path: str | None,
    vocabulary_path: str | None,
    phrases: bool,
    stoplist: str,
) -> LexiconFeatures:
    """Factory for :class:`kg.nlp.lexicon_features.LexiconFeatures` (dictionary features for the NER)."""
    return LexiconFeatures(lexicon_path, vocabulary_path, phrases, stoplist)


_BILUO_NER_MODEL = """
[model]
@architectures = "il6kg.BiluoTagger.v1"
hidden_width = 0

[model.tok2vec]
@architectures = "spacy.HashEmbedCNN.v2"
pretrained_vectors = null
width = 96
depth = 4
embed_size = 2000
window_size = 1
maxout_pieces = 3
subword_features = true
"""


@Language.factory(
    "kg_biluo_ner",
    default_config={
        "model": spacy.util.load_config_from_str(_BILUO_NER_MODEL)["model"],
        "scorer": {"@scorers": "spacy.ner_scorer.v1"},
    },
    assigns=["doc.ents", "token.ent_iob", "token.ent_type"],
    default_score_weights={"ents_f": 1.0, "ents_p": 0.0, "ents_r": 0.0, "ents_per_type": None},
)
def make_biluo_ner(nlp: Language, name: str, model: Model, scorer: Callable | None) -> BiluoEntityTagger:
    """Factory for :class:`kg.nlp.biluo_ner.BiluoEntityTagger` (BILUO tagger NER, Viterbi decoding)."""
    return BiluoEntityTagger(nlp.vocab, model, name, scorer=scorer)


@Language.factory("kg_model_spans", requires=["doc.ents"], assigns=["doc.spans"])
def make_model_spans(nlp: Language, name: str) -> ModelSpans:
    """Factory for :class:`kg.nlp.combine.ModelSpans` (statistical entities -> ``doc.spans["kg_model"]``)."""
    return ModelSpans()


@Language.factory(
    "kg_entity_combiner",
    default_config={"min_fill_score": 0.85, "disease_fill_score": 0.8},
    requires=["doc.spans"],
    assigns=["doc.ents", "doc._.kg_entity_sources"],
)
def make_entity_combiner(
    nlp: Language, name: str, min_fill_score: float, disease_fill_score: float
) -> EntityCombiner:
    """Factory for :class:`kg.nlp.combine.EntityCombiner` (model + dictionary -> ``doc.ents``)."""
    return EntityCombiner(min_fill_score, disease_fill_score=disease_fill_score)


@Language.factory(
    "kg_sequence_variants",
    default_config={"score": 0.95},
    requires=["doc.ents"],
    assigns=["doc.ents", "doc._.kg_entity_sources"],
)
def make_sequence_variants(nlp: Language, name: str, score: float) -> VariantRecognizer:
    """Factory for :class:`kg.nlp.variants.VariantRecognizer` (sequence variants -> ``doc.ents``)."""
    return VariantRecognizer(score)


class RelationExtractor:
    """spaCy component: store rule-based relations in ``doc._.kg_relations``.

    Parameters
    ----------
    max_entities_per_sentence
        Sentences with more entities are skipped, which bounds the work on
        tables and entity lists pasted as prose.
    """

    def __init__(self, max_entities_per_sentence: int = 60) -> None:
        ensure_extensions()
        self.max_entities_per_sentence = max_entities_per_sentence

    def __call__(self, doc: Doc) -> Doc:
        """Annotate ``doc`` and return it.

        Typed patterns (expression, binding, targets, treatment ...) run
        first; a sign rule's reading of the same pair in the same sentence is
        dropped, since the pattern says more precisely what the sentence states.
        """
        limit = self.max_entities_per_sentence
        typed = find_pattern_relations(doc, max_entities_per_sentence=limit)
        typed_pairs = {(c.sentence_start, frozenset((c.subject_start, c.object_start))) for c in typed}
        signed = [
            c
            for c in find_relations(doc, max_entities_per_sentence=limit)
            if (c.sentence_start, frozenset((c.subject_start, c.object_start))) not in typed_pairs
        ]
        doc._.kg_relations = sorted(
            typed + signed, key=lambda c: (c.sentence_start, c.subject_start, c.object_start, c.kind)
        )
        return doc


@Language.factory(
    "kg_relation_extractor",
    default_config={"max_entities_per_sentence": 60},
    requires=["doc.ents", "doc.sents"],
    assigns=["doc._.kg_relations"],
)
def make_relation_extractor(nlp: Language, name: str, max_entities_per_sentence: int) -> RelationExtractor:
    """Factory for :class:`RelationExtractor`."""
    return RelationExtractor(max_entities_per_sentence)


@Language.factory(
    "kg_relation_model",
    default_config={
        "model_path": None,
        "max_pairs_per_sentence": 10,
        "max_pairs_per_document": 300,
        "min_confidence": 0.5,
        "lexicon_path": None,
        "vocabulary_path": None,
    },
    requires=["doc.ents", "doc.sents"],
    assigns=["doc._.kg_relations"],
)
def make_relation_model(
    nlp: Language,
    name: str,
    model_path: str | None,
    max_pairs_per_sentence: int,
    max_pairs_per_document: int,
    min_confidence: float,
    lexicon_path: str | None,
    vocabulary_path: str | None,
) -> RelationModelComponent:
    """Factory for :class:`kg.relation_model.component.RelationModelComponent`.

    Runs after ``kg_relation_extractor``: it keeps the rules' relations and
    adds the trained model's for the pairs the rules left alone.
    """
    return RelationModelComponent(
        model_path,
        max_pairs_per_sentence,
        max_pairs_per_document,
        min_confidence,
        lexicon_path,
        vocabulary_path,
    )
