"""Cross-document templates (CC430): text shared between documents of one run."""

from __future__ import annotations

import re

from claimcheck.api import Linter
from claimcheck.extract.text import parse_plain
from claimcheck.lexicon.model import RuleSet
from claimcheck.nlp.minhash import sign, words
from claimcheck.rules.crossdoc import TemplateIndex

SHARED = (
    "Our friendly team of certified experts offers personalised care plans for every "
    "budget and lifestyle. We combine modern techniques with time-honoured wisdom to help "
    "you feel your best, and every first visit includes a free consultation."
)
NEAR = SHARED.replace("friendly", "caring")
A = "Foam rolling before a run can loosen tight calves.\n\n" + SHARED
B = "The allotment season starts in March, when the soil begins to warm.\n\nBeans go in late."
C = "Swimming is gentle on the joints and suits people with knee pain.\n\n" + NEAR


def _run(ruleset: RuleSet, texts: dict[str, str]) -> dict[str, list[tuple[str, str]]]:
    linter = Linter(ruleset)
    docs = [parse_plain(name, text) for name, text in texts.items()]
    return {
        r.origin: [(f.text, f.message) for f in r.findings if f.rule == "CC430"]
        for r in linter.check_many(docs)
    }


def test_three_documents_two_share_a_paragraph(ruleset: RuleSet) -> None:
    found = _run(ruleset, {"a.txt": A, "b.txt": B, "c.txt": C})
    assert found["a.txt"] == [] and found["b.txt"] == []
    assert found["c.txt"], "the shared paragraph must be reported on the later document"
    for text, message in found["c.txt"]:
        assert text in NEAR and "a.txt" in message and "b.txt" not in message
    covered = " ".join(text for text, _ in found["c.txt"])
    assert "We combine modern techniques" in covered and "free consultation" in covered


def test_repeats_inside_one_document_are_not_reported(ruleset: RuleSet) -> None:
    found = _run(ruleset, {"a.txt": SHARED + "\n\n" + SHARED, "b.txt": B})
    assert found == {"a.txt": [], "b.txt": []}


def test_separate_linters_do_not_share_state(ruleset: RuleSet) -> None:
    assert _run(ruleset, {"a.txt": A}) == {"a.txt": []}
    assert _run(ruleset, {"c.txt": C}) == {"c.txt": []}


def test_index_is_bounded_and_keeps_no_text() -> None:
    index = TemplateIndex(max_passages=3)
    text = "\n".join(f"{SHARED} variant{'x' * i}" for i in range(5))
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    spans, signatures = sign(words(text), lines, shingle=3, num_perm=64, min_words=8)
    assert len(spans) == 5 and signatures.shape == (5, 64)
    assert index.add("a", spans, signatures) == []
    hits = index.add("b", spans[:1], signatures[:1])
    assert len(index.index) == 3
    assert not any(isinstance(v, str) for v in vars(index.index).values())
    assert hits and hits[0][2] == frozenset({0})
