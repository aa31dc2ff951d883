"""Odd but valid input never crashes the run, and an internal error loses only its document."""

from __future__ import annotations

import pickle

import pytest

from claimcheck.api import Linter
from claimcheck.document import Block, Document, Link
from claimcheck.errors import InputError
from claimcheck.extract.language import SkippedInput
from claimcheck.extract.markdown import parse_markdown
from claimcheck.extract.text import parse_plain
from claimcheck.parallel import check_parallel
from claimcheck.rules.base import CheckContext

ODD_TEXTS = [
    "x" * 200_000,  # one enormous token
    "!!! ??? ... ;;; ,,, " * 2_000,  # punctuation only
    "Cupping relieves back pain. " * 3_000,  # one claim many times
    "\u202eRTL override \u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627 " * 100,
    "Emoji 💊🌿 relieves pain 😀 " * 200,
    "\t\x0b\x0c\r\n" * 500 + "Ginger eases nausea.",
    "- a\n  - b\n    - c\n      - d\n" * 300,  # deeply nested lists
    "\ufb01 ligature, \uff26\uff35\uff2c\uff2c, zero\u200bwidth, combining e\u0301 " * 100,
]


@pytest.mark.parametrize("text", ODD_TEXTS, ids=range(len(ODD_TEXTS)))
def test_odd_text_is_checked(linter: Linter, text: str) -> None:
    for doc in (parse_plain("odd.txt", text), parse_markdown("odd.md", text)):
        result = linter.check_document(doc)
        assert result.error is None
        for f in result.findings:
            assert doc.text[f.start : f.end] == f.text


def test_blocks_and_links_out_of_range_do_not_crash(linter: Linter) -> None:
    doc = Document(
        origin="bad.html", text="Cupping relieves back pain.",
        blocks=(Block("paragraph", 0, 500), Block("heading", 400, 300)),
        links=(Link(50, 90, "https://example.org"),),
    )  # fmt: skip
    assert linter.check_document(doc).error is None


@pytest.mark.parametrize("jobs", [1, 2])
def test_internal_error_loses_only_that_document(
    linter: Linter, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    real = Linter.evaluate

    def evaluate(self: Linter, ctx: CheckContext, rules: object = None) -> object:
        if ctx.document.origin == "boom.txt":
            raise RuntimeError("simulated bug")
        return real(self, ctx, rules)  # type: ignore[arg-type]

    monkeypatch.setattr(Linter, "evaluate", evaluate)  # a class attribute: forked workers see it
    docs = [parse_plain(n, "Cupping relieves back pain.") for n in ("a.txt", "boom.txt", "b.txt")]
    results = list(check_parallel(linter, docs, jobs))
    assert [r.origin for r in results] == ["a.txt", "boom.txt", "b.txt"]
    assert results[0].findings and results[2].findings
    assert results[1].error is not None and "simulated bug" in results[1].error


@pytest.mark.parametrize(
    "error", [InputError("a.txt", "empty file"), SkippedInput("b.html", "skipped: not English")]
)
def test_input_errors_survive_pickling(error: InputError) -> None:
    again = pickle.loads(pickle.dumps(error))
    assert (type(again), again.origin, again.reason, str(again)) == (
        type(error), error.origin, error.reason, str(error)
    )  # fmt: skip


def test_check_text_builds_the_pipeline_once_and_keeps_runs_apart() -> None:
    from claimcheck.api import _default_pipeline, check_text

    first = check_text("Cupping relieves back pain.")
    assert _default_pipeline.cache_info().currsize == 1
    shared = (
        "Our friendly team of certified experts offers personalised care plans for every "
        "budget and lifestyle, and every first visit includes a free consultation."
    )
    check_text(shared)
    again = check_text(shared)  # a new run: not a template repeated across documents
    assert first.findings and "CC430" not in {f.rule for f in again.findings}
    assert _default_pipeline.cache_info().hits >= 2


def test_text_over_spacy_max_length_is_checked_with_right_offsets(linter: Linter) -> None:
    # spaCy's max_length (1,000,000) guards parser memory; this pipeline has no parser
    text = "x" * 1_000_000 + "\n\nTurmeric cures arthritis."
    doc = parse_plain("long.txt", text)
    result = linter.check_document(doc)
    assert result.error is None
    assert [doc.text[f.start : f.end] for f in result.findings if f.rule == "CC101"] == [
        "cures arthritis"
    ]
