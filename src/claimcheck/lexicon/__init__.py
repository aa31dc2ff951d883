"""Lexicon packs: YAML rule and word-list files, validated and compiled for spaCy."""
