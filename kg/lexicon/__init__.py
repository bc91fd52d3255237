"""The generated lexicon: building it from pinned wheels and grounding text against it."""
