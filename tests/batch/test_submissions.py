"""--jsonl submissions and --urls lists: every line is an input, a bad line one error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimcheck.document import Document
from claimcheck.errors import InputError
from claimcheck.inputs import Unparsed
from claimcheck.inputs.submissions import iter_submissions, read_url_list


def loaded(tmp_path: Path, *lines: str | bytes) -> list[Document | InputError]:
    """The parsed inputs of a submissions file made of ``lines``."""
    path = tmp_path / "subs.jsonl"
    path.write_bytes(b"".join((ln if isinstance(ln, bytes) else ln.encode()) + b"\n"
                              for ln in lines))  # fmt: skip
    out: list[Document | InputError] = []
    for item in iter_submissions(str(path), max_bytes=10_000):
        if isinstance(item, Unparsed):
            try:
                out.append(item.parse())
            except InputError as exc:
                out.append(exc)
        else:
            assert isinstance(item, Document | InputError)
            out.append(item)
    return out


def test_each_content_key_is_read_in_its_format_with_the_submission_attached(
    tmp_path: Path,
) -> None:
    docs = loaded(
        tmp_path,
        json.dumps({"id": "a", "text": "Plain *text* stays.", "author": "jo", "site": "forum"}),
        json.dumps({"id": 7, "markdown": "# Title\n\nSome *emphasis* here.", "title": "T"}),
        json.dumps({"id": "c", "html": "<p>Hello <b>there</b> friend.</p>"}),
    )
    assert [type(d) for d in docs] == [Document, Document, Document]
    a, b, c = docs
    assert isinstance(a, Document) and isinstance(b, Document) and isinstance(c, Document)
    assert a.origin == "a" and "*text*" in a.text
    assert a.submission is not None and (a.submission.author, a.submission.site) == ("jo", "forum")
    assert b.origin == "7" and "Some emphasis here." in b.text
    assert b.submission is not None and b.submission.title == "T"
    assert c.text.strip() == "Hello there friend."


def test_a_bad_line_is_one_error_naming_the_line_or_the_id(tmp_path: Path) -> None:
    docs = loaded(
        tmp_path,
        "not json",
        "[1, 2]",
        json.dumps({"text": "no id"}),
        json.dumps({"id": "two", "text": "a", "markdown": "b"}),
        json.dumps({"id": "none"}),
        json.dumps({"id": "num", "text": 5}),
        json.dumps({"id": "who", "text": "fine", "author": ["x"]}),
        b'{"id": "bad", "text": "caf\xe9"}',
        "",
        json.dumps({"id": "ok", "text": "Still checked after the bad lines."}),
    )
    errors = [d for d in docs if isinstance(d, InputError)]
    assert [str(e) for e in errors] == [
        f"{tmp_path}/subs.jsonl:1: not valid JSON (Expecting value: line 1 column 1 (char 0))",
        f"{tmp_path}/subs.jsonl:2: a submission is a JSON object, not an array",
        f"{tmp_path}/subs.jsonl:3: a submission needs an 'id' (a string or a number)",
        f"two: a submission needs exactly one of text, markdown, html or url "
        f"({tmp_path}/subs.jsonl:4 has text and markdown)",
        f"none: a submission needs exactly one of text, markdown, html or url "
        f"({tmp_path}/subs.jsonl:5 has none)",
        "num: 'text' must be a string, not a number",
        "who: 'author' must be a string, not an array",
        f"{tmp_path}/subs.jsonl:8: not valid UTF-8",
    ]
    assert isinstance(docs[-1], Document) and docs[-1].origin == "ok"


def test_an_oversized_submission_is_refused_before_parsing(tmp_path: Path) -> None:
    (doc,) = loaded(tmp_path, json.dumps({"id": "big", "text": "word " * 5000}))
    assert isinstance(doc, InputError) and "too large" in str(doc) and doc.origin == "big"


def test_a_missing_submissions_file_is_one_error(tmp_path: Path) -> None:
    (only,) = list(iter_submissions(str(tmp_path / "nope.jsonl"), max_bytes=100))
    assert isinstance(only, InputError)
    assert str(only).startswith(f"{tmp_path}/nope.jsonl: cannot read the submissions file")


def test_a_url_list_skips_blank_lines_and_comments(tmp_path: Path) -> None:
    path = tmp_path / "urls.txt"
    path.write_text("# queue of 30 November\nhttps://example.org/a\n\n  https://example.org/b  \n")
    assert read_url_list(str(path)) == ["https://example.org/a", "https://example.org/b"]
    missing = read_url_list(str(tmp_path / "none.txt"))
    assert isinstance(missing, InputError) and "cannot read the list of addresses" in str(missing)


def test_a_fetched_submission_is_named_by_its_id(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import claimcheck.inputs.submissions as submissions

    def fake_fetch(url: str, fetch: object | None) -> Unparsed:
        return Unparsed.of_bytes(url, b"<p>Ginger eases nausea.</p>", "html", url)

    monkeypatch.setattr(submissions, "fetch_unparsed", fake_fetch)
    (doc,) = loaded(tmp_path, json.dumps({"id": "p9", "url": "https://example.org/p9"}))
    assert isinstance(doc, Document) and doc.origin == "p9"
    assert doc.submission is not None and doc.submission.id == "p9"
