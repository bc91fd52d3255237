"""Dictionary features for the trained NER: each token's lexicon categories.

:class:`LexiconFeatures` runs before the NER's ``tok2vec`` and writes, into
``token.tag_`` (no tagger runs in il6-kg's pipelines), which coarse
categories the lexicon gives the token's text on its own: ``LEX_GENE``,
``LEX_CHEM|LEX_GENE`` for an ambiguous symbol, nothing for a word the
lexicon does not know; with ``phrases``, ``token.lemma_`` marks names of
several tokens (``B-LEX_DISEASE L-LEX_DISEASE`` on "breast cancer"). The
tok2vec embeds ``TAG`` (and ``LEMMA``) like the word's form and affixes, so
the model learns how far to trust the dictionary for each of its types, and
a name it never saw in training still carries its category.

The same component and lexicon run when the model is trained (it is an
*annotating* component in the training config) and when it is used, so the
features are identical in both.
"""

from __future__ import annotations

from pathlib import Path

from spacy.tokens import Doc

from kg.lexicon.normalize import cased_key
from kg.lexicon.stoplist import ENGLISH_STOPLIST, STOPLIST, SYMBOL_STOPLIST
from kg.lexicon.store import Lexicon, load_lexicon
from kg.nlp.extensions import token_texts

__all__ = [
    "COARSE_CATEGORIES",
    "FEATURE_STOPLISTS",
    "MAX_PHRASE_TOKENS",
    "LexiconFeatures",
    "phrase_features",
    "token_feature",
]

#: Biolink category -> coarse feature; categories not listed give ``LEX_OTHER``.
COARSE_CATEGORIES = {
    "biolink:Gene": "LEX_GENE",
    "biolink:Protein": "LEX_GENE",
    "biolink:GeneFamily": "LEX_GENE",
    "biolink:MacromolecularComplex": "LEX_GENE",
    "biolink:ChemicalEntity": "LEX_CHEM",
    "biolink:Drug": "LEX_CHEM",
    "biolink:SmallMolecule": "LEX_CHEM",
    "biolink:Disease": "LEX_DISEASE",
    "biolink:PhenotypicFeature": "LEX_DISEASE",
    "biolink:Cell": "LEX_CELL",
    "biolink:CellLine": "LEX_CELL",
    "biolink:AnatomicalEntity": "LEX_ANATOMY",
    "biolink:CellularComponent": "LEX_ANATOMY",
    "biolink:OrganismTaxon": "LEX_ORGANISM",
    "biolink:BiologicalProcess": "LEX_PROCESS",
    "biolink:MolecularActivity": "LEX_PROCESS",
    "biolink:Pathway": "LEX_PROCESS",
}
#: Stop lists a feature can read the lexicon through: ``(stoplist, symbol_stoplist)`` of
#: :meth:`kg.lexicon.store.Lexicon.lookup`. ``"grounding"``: grounding's own lists, which
#: change with grounding decisions (a class word stop-listed for grounding loses its feature
#: and shifts a trained model's input); ``"english"``: spaCy's English stop words only;
#: ``"none"``: every lexicon entry.
FEATURE_STOPLISTS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "grounding": (STOPLIST, SYMBOL_STOPLIST),
    "english": (ENGLISH_STOPLIST, ENGLISH_STOPLIST),
    "none": (frozenset(), frozenset()),
}
# Keys this short are mostly noise (single letters, "II") for a feature.
_MIN_KEY = 2
#: Longest run of tokens looked up as one name for the phrase feature.
MAX_PHRASE_TOKENS = 4


def token_feature(lexicon: Lexicon, text: str, stoplist: str = "grounding") -> str:
    """Return the feature of one token text: its coarse lexicon categories, ``|``-joined, or ``""``.

    ``stoplist`` names the stop lists the lexicon is read through (:data:`FEATURE_STOPLISTS`).
    """
    cased = cased_key(text)
    if len(cased) < _MIN_KEY or not lexicon.may_match(cased):
        return ""
    stops, symbol_stops = FEATURE_STOPLISTS[stoplist]
    found = lexicon.lookup(cased, stoplist=stops, symbol_stoplist=symbol_stops)
    return "|".join(sorted({COARSE_CATEGORIES.get(g.category, "LEX_OTHER") for g in found}))


def phrase_features(lexicon: Lexicon, keys: list[str], cache: dict[str, str]) -> list[str]:
    """Return a BIL tag per token for names of 2 to :data:`MAX_PHRASE_TOKENS` tokens.

    Left to right, the longest run of tokens whose joined keys the lexicon
    knows becomes ``B-LEX_X``, ``I-LEX_X`` ..., ``L-LEX_X`` (``LEX_X`` the
    coarse category of its best grounding); tokens without a key (punctuation)
    end a run. ``cache`` maps joined keys to categories (``""``: none).
    """
    tags = [""] * len(keys)
    n = len(keys)
    i = 0
    while i < n:
        found = None
        if keys[i]:
            run = keys[i]
            for j in range(i + 1, min(n, i + MAX_PHRASE_TOKENS)):
                if not keys[j]:
                    break
                run += keys[j]
                category = cache.get(run)
                if category is None:
                    category = ""
                    if lexicon.may_match(run):
                        groundings = lexicon.lookup(run)
                        if groundings:
                            category = COARSE_CATEGORIES.get(groundings[0].category, "LEX_OTHER")
                    cache[run] = category
                if category:
                    found = (j, category)
        if found is None:
            i += 1
            continue
        end, category = found
        tags[i] = "B-" + category
        for k in range(i + 1, end):
            tags[k] = "I-" + category
        tags[end] = "L-" + category
        i = end + 1
    return tags


class LexiconFeatures:
    """spaCy component: write each token's lexicon categories to ``token.tag_``.

    Parameters
    ----------
    lexicon_path, vocabulary_path
        The lexicon and curated vocabulary; ``None`` for the packaged ones
        (the same as the dictionary matcher's, loaded once per process).
    phrases
        Also tag names of several tokens (:func:`phrase_features`) in
        ``token.lemma_`` (no lemmatizer runs in il6-kg's pipelines either).
    stoplist
        The stop lists single tokens are looked up through (:data:`FEATURE_STOPLISTS`):
        ``"grounding"`` (what models before this option were trained with) or a fixed
        list that grounding's edits do not move.

    Raises
    ------
    ValueError
        If ``stoplist`` is not a key of :data:`FEATURE_STOPLISTS`.
    """

    def __init__(
        self,
        lexicon_path: str | None = None,
        vocabulary_path: str | None = None,
        phrases: bool = False,
        stoplist: str = "grounding",
    ) -> None:
        if stoplist not in FEATURE_STOPLISTS:
            raise ValueError(
                f"kg_lexicon_features: stoplist must be one of {', '.join(FEATURE_STOPLISTS)}, "
                f"got {stoplist!r}"
            )
        self.phrases = phrases
        self.stoplist = stoplist
        self._phrase_cache: dict[str, str] = {}
        self._lexicon_path = Path(lexicon_path) if lexicon_path else None
        self._vocabulary_path = Path(vocabulary_path) if vocabulary_path else None
        self._lexicon: Lexicon | None = None
        # Token text -> feature; abstracts repeat most words, so this saves most lookups.
        self._cache: dict[str, str] = {}

    @property
    def lexicon(self) -> Lexicon:
        """The lexicon, loaded on first use."""
        if self._lexicon is None:
            self._lexicon = load_lexicon(self._lexicon_path, self._vocabulary_path)
        return self._lexicon

    def __call__(self, doc: Doc) -> Doc:
        """Set ``token.tag_`` of every token the lexicon knows and return ``doc``."""
        cache = self._cache
        texts = token_texts(doc)  # plain strings: a Token object is built only for a tagged token
        for i, text in enumerate(texts):
            feature = cache.get(text)
            if feature is None:
                feature = token_feature(self.lexicon, text, self.stoplist)
                if len(cache) < 500_000:
                    cache[text] = feature
            if feature:
                doc[i].tag_ = feature
        if self.phrases:
            if len(self._phrase_cache) > 1_000_000:
                self._phrase_cache.clear()
            keys = [cased_key(text) for text in texts]
            for i, tag in enumerate(phrase_features(self.lexicon, keys, self._phrase_cache)):
                if tag:
                    doc[i].lemma_ = tag
        return doc
