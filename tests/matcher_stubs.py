"""Dictionary-matcher pipelines shared by the grounding tests."""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

import kg.nlp.factories  # noqa: F401 - registers the components
from kg.nlp.combine import MODEL_KEY
from kg.nlp.pipeline import load_tokenizer_only


@Language.component("test_model_spans")
def _model_spans(doc: Doc) -> Doc:
    """Stand-in for the trained NER: tags the texts listed in ``doc.user_data["model"]``."""
    spans = []
    for text, label in doc.user_data.get("model", []):
        start = doc.text.index(text)
        spans.append(doc.char_span(start, start + len(text), label=label))
    doc.spans[MODEL_KEY] = spans
    return doc


def _matcher_after(*components: str) -> Language:
    """Tokenizer, il6-kg's sentence splitter, ``components``, then the packaged lexicon's matcher."""
    nlp = load_tokenizer_only()
    nlp.add_pipe("kg_sentencizer")
    for name in components:
        nlp.add_pipe(name)
    nlp.add_pipe("kg_vocabulary_ner")
    return nlp


def packaged_matcher() -> Language:
    """The packaged lexicon's matcher behind the stand-in NER."""
    return _matcher_after("test_model_spans")


def run_matcher(nlp: Language, text: str, model: list[tuple[str, str]] | None = None) -> dict[str, str]:
    """Entity text -> CURIE, with ``model`` as what the stand-in NER tags."""
    doc = nlp.make_doc(text)
    doc.user_data["model"] = model or []
    for _, component in nlp.pipeline:
        doc = component(doc)
    return {e.text: e.kb_id_ for e in doc.ents}


def curated_matcher(folder: Path, vocabulary: str) -> Language:
    """A matcher over a curated vocabulary only (written to ``folder``), no generated lexicon."""
    path = folder / "vocabulary.tsv"
    path.write_text(vocabulary)
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("kg_vocabulary_ner", config={"vocabulary_path": str(path), "lexicon_path": ""})
    return nlp


def sentence_matcher() -> Language:
    """The packaged lexicon's matcher after il6-kg's sentence splitter, with no statistical NER."""
    return _matcher_after()


def entity_ids(nlp: Language, text: str) -> dict[str, str]:
    """Each entity's text and identifier, as ``nlp`` grounds ``text``."""
    return {e.text: e.kb_id_ for e in nlp(text).ents}


def abbreviation_matcher() -> Language:
    """The packaged lexicon's matcher after scispaCy's abbreviation detector, with no statistical NER."""
    return _matcher_after("abbreviation_detector")
