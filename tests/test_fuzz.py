"""Fuzzing with hypothesis: no bytes, text or file name makes claimcheck raise or lose output.

The readers may refuse an input only with the InputError family (one line naming it); the
pipeline must check any text it is given; every reporter must write valid UTF-8. Examples
are few (CI time) and built from pieces that reach past the binary and empty-file checks.
"""

from __future__ import annotations

import io
import json
import os
from dataclasses import replace

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimcheck.api import FileResult, Linter
from claimcheck.errors import InputError
from claimcheck.extract.text import parse_plain
from claimcheck.inputs.load import parse_bytes
from claimcheck.outcome import RunSummary
from claimcheck.reporters import get_reporter

FUZZ = settings(
    max_examples=60,
    deadline=None,
    database=None,  # nothing written into the checkout
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

PIECES = [
    "Cupping cures cancer. ", "It may help some people. ", "Studies show it works. ",
    "(Smith et al., 2020) ", "https://example.org/study ", "\n\n", "\n", "# Heading\n",
    "- item\n", "> quoted\n", "---\ntitle: x\n---\n", "<!-- claimcheck-disable CC101 -->",
    "<p>", "</p>", "<script>alert(1)</script>", "<a href='javascript:x'>", "<h1>", "&#xd800;",
    "&amp;", "<![CDATA[", "<!--", "-->", "[link](", ")", "**", "`", "|a|b|\n|-|-|\n",
    "\x1b]0;t\x07", "\r", "\x08", "\u202e", "\ufeff", "\u0301", "💊", "é", "\t",
]  # fmt: skip
texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=40).map(
    "".join
)
raw = st.one_of(
    st.binary(max_size=600),
    st.tuples(texts, st.sampled_from(["utf-8", "utf-16", "cp1252", "latin-1"])).map(
        lambda t: t[0].encode(t[1], "replace")
    ),
    st.lists(st.one_of(texts.map(str.encode), st.binary(max_size=8)), max_size=6).map(b"".join),
)
names = st.binary(min_size=1, max_size=24).map(os.fsdecode)  # 0xFF, controls, NUL, anything
FORMATS = ["txt", "md", "html", "article"]


def _parsed_or_refused(origin: str, data: bytes, fmt: str) -> object:
    """``parse_bytes``, with a refusal returned; a parser crash wrapped as a refusal fails."""
    try:
        return parse_bytes(origin, data, fmt)
    except InputError as exc:
        assert "could not parse" not in exc.reason or "nested too deeply" in exc.reason, exc
        return exc


@pytest.mark.parametrize("fmt", FORMATS)
@FUZZ
@given(data=raw, origin=names)
def test_readers_refuse_only_with_input_errors(fmt: str, data: bytes, origin: str) -> None:
    doc = _parsed_or_refused(origin, data, fmt)
    if not isinstance(doc, InputError):
        assert doc.text.strip()  # type: ignore[attr-defined]


def _emit(result: FileResult, text: str | None = None) -> None:
    """Write ``result`` in every format (html with the checked ``text``); each output must
    encode as UTF-8 (and parse; html: no script element survives)."""
    summary = RunSummary()
    summary.add(result)
    for fmt in ("text", "json", "sarif", "html"):
        out, err = io.StringIO(), io.StringIO()
        reporter = get_reporter(fmt, out, err, color=False)
        reporter.start()
        reporter.result(replace(result, text=text) if fmt == "html" else result)
        reporter.finish(summary)
        out.getvalue().encode("utf-8")
        err.getvalue().encode("utf-8")
        if fmt in ("json", "sarif"):
            json.loads(out.getvalue())
        if fmt == "html":
            assert BeautifulSoup(out.getvalue(), "html.parser").find("script") is None


@FUZZ
@given(text=texts, origin=names)
def test_pipeline_checks_any_text(linter: Linter, text: str, origin: str) -> None:
    linter.run_state.clear()
    if not text.strip():
        return
    doc = parse_plain(origin, text)
    result = linter.check_document(doc)
    assert result.error is None, result.error  # an internal error would be a bug
    for f in result.findings:
        assert doc.text[f.start : f.end] == f.text
    _emit(result, doc.text)


@FUZZ
@given(data=raw, origin=names, fmt=st.sampled_from(["md", "html"]))
def test_bytes_to_report(linter: Linter, data: bytes, origin: str, fmt: str) -> None:
    linter.run_state.clear()
    doc = _parsed_or_refused(origin, data, fmt)
    if isinstance(doc, InputError):
        _emit(FileResult(origin=doc.origin, error=doc.reason))
        return
    result = linter.check_document(doc)  # type: ignore[arg-type]
    assert result.error is None, result.error
    _emit(result, doc.text)  # type: ignore[attr-defined]
