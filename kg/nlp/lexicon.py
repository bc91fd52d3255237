"""Grounding API for other components (e.g. a trained NER attaching IDs to its spans).

>>> from kg.nlp.lexicon import load_lexicon
>>> load_lexicon().ground("IL-6", category="biolink:Gene")[0].curie
'HGNC:6018'
"""

from kg.lexicon.store import COMPATIBLE_CATEGORIES, Grounding, Lexicon, load_lexicon

__all__ = ["COMPATIBLE_CATEGORIES", "Grounding", "Lexicon", "load_lexicon"]
