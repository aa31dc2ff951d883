"""Health vocabulary matching (nlp/terms.py): lemmas, exact forms, weak words, health documents."""

from __future__ import annotations

from claimcheck.api import Linter
from claimcheck.extract.text import parse_plain
from claimcheck.nlp.terms import HEALTH_KEY, is_health_document


def terms(linter: Linter, text: str) -> list[tuple[str, str]]:
    """(word, term type) of every token inside a health term."""
    doc = linter.nlp(linter._make_doc(parse_plain("t", text)))
    return [(t.text, t._.cc_term) for t in doc if t._.cc_term]


def test_terms_match_by_lemma(linter: Linter) -> None:
    found = terms(linter, "It soothes aching joints and eases headaches.")
    assert ("joints", "condition") in found or ("joints", "body") in found
    assert ("headaches", "condition") in found


def test_the_longest_term_wins(linter: Linter) -> None:
    found = terms(linter, "Relief from lower back pain.")
    assert [w for w, _ in found] == ["lower", "back", "pain"]
    assert {t for _, t in found} == {"condition"}


def test_generated_vocabulary_knows_rare_diseases(linter: Linter) -> None:
    assert ("gout", "condition") in terms(linter, "Celery cures gout.")
    assert ("onychomycosis", "condition") in terms(linter, "The oil treats onychomycosis.")


def test_weak_words_count_only_in_a_health_text(linter: Linter) -> None:
    assert ("stress", "condition") in terms(linter, "Yoga relieves stress and back pain.")
    assert terms(linter, "The new valve relieves stress on the pipes.") == []


def test_exact_forms_beat_their_weak_lemma(linter: Linter) -> None:
    assert ("colds", "condition") in terms(linter, "Zinc shortens colds.")
    assert terms(linter, "Serve the soup cold.") == []


def test_foods_and_chemicals_do_not_make_a_text_about_health(linter: Linter) -> None:
    recipe = "Mix the rice, salt, garlic and eggs. " * 30
    doc = linter.nlp(linter._make_doc(parse_plain("r", recipe)))
    assert doc.user_data[HEALTH_KEY] == 0
    assert not is_health_document(doc)
