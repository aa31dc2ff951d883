"""The spaCy pipeline: blank English, block-aware sentences, lemmas, rulers and ConText."""
