"""Lexeme flags (nlp/flags.py): every flag answers its predicate, for every kind of word."""

from __future__ import annotations

from typing import Any

import spacy

from claimcheck.nlp.flags import FIRST_FLAG, LexemeFlags, WordTest, lemma_table, settle

PATTERNS: list[Any] = [
    [{"LOWER": {"IN": ["cure", "cures"]}}, {"LOWER": "for"}],
    [{"LEMMA": {"IN": ["reduce", "lower"]}}, {"LOWER": {"NOT_IN": ["the", "a"]}, "OP": "?"}],
    [{"TEXT": {"REGEX": "^[A-Z]{2,}$"}}, {"ORTH": {"IN": ["Study", "Trial"]}}],
    [{"LOWER": {"REGEX": "^detox"}, "OP": "?"}, {"LOWER": {"IN": ["tea"]}}],
    "a phrase pattern",
]
WORDS = ["cure", "Cures", "CURES", "reduced", "reducing", "Lowers", "the", "A", "LDL", "Ldl",
         "Study", "study", "detoxing", "Detox", "tea", "c\u0443re", "lower", "%",
         "don't"]  # fmt: skip


def test_each_flag_answers_its_predicate() -> None:
    vocab = spacy.blank("en").vocab
    table = lemma_table({"lower": "lower"})
    flags = LexemeFlags(vocab, PATTERNS, table)
    assert flags.flags, "the patterns' predicates get flags"
    lexemes = {word: vocab[word] for word in WORDS}
    settle(vocab)  # flags are set in one pass over the new entries, before a ruler matches
    for word, lexeme in lexemes.items():
        for key, bit in flags.flags.items():
            membership = WordTest(key, table)(word) != (key[1] == "NOT_IN")
            assert lexeme.check_flag(bit) == membership, (word, key)


def test_shared_flags_hold_when_any_member_does() -> None:
    vocab = spacy.blank("en").vocab
    free = 63 - FIRST_FLAG + 1
    # more sole-first predicates than free bits: some share a flag, checked per match
    many = [[{"LOWER": {"IN": [f"word{i}", f"other{i}"]}}, {"LOWER": "x"}] for i in range(free + 8)]
    table = lemma_table({})
    flags = LexemeFlags(vocab, many, table)
    assert flags.shared
    members_words = [sorted(key[2])[0] for key in flags.shared]
    words = [*members_words, "nothing", "x"]
    lexemes = [vocab[word] for word in words]
    settle(vocab)
    for word, lexeme in zip(words, lexemes, strict=True):
        for bit in set(flags.shared.values()):
            members = [k for k, b in flags.shared.items() if b == bit]
            assert lexeme.check_flag(bit) == any(WordTest(k, table)(word) for k in members)
        assert word not in members_words or any(lexeme.check_flag(b) for b in flags.shared.values())


def test_flags_survive_a_pickled_vocabulary_and_a_second_install() -> None:
    import pickle

    nlp = spacy.blank("en")
    table = lemma_table({"lower": "lower"})
    LexemeFlags(nlp.vocab, PATTERNS, table)
    LexemeFlags(nlp.vocab, PATTERNS[:2], table)  # initialized again: the old getters go
    loaded = pickle.loads(pickle.dumps(nlp))
    flags = LexemeFlags(loaded.vocab, PATTERNS[:2], table)
    doc = loaded("Cures for LDL, reducing the tea")
    settle(loaded.vocab)
    for token in doc:
        for key, bit in flags.flags.items():
            membership = WordTest(key, table)(token.text) != (key[1] == "NOT_IN")
            assert token.check_flag(bit) == membership, (token.text, key)
