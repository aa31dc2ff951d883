"""Target expansion: files, directories, globs, stdin and URLs; errors are yielded, not raised."""

from __future__ import annotations

import io
import os
import shutil
import sys
from pathlib import Path

import click
import pytest

from claimcheck.cli import check
from claimcheck.document import Document
from claimcheck.errors import ConfigError, ExtractError, InputError
from claimcheck.inputs import HTML_MODES, LoadOptions, iter_inputs

OPTIONS = LoadOptions()


def _run(targets: list[str], options: LoadOptions = OPTIONS) -> list[Document | InputError]:
    """All items yielded for ``targets``."""
    return list(iter_inputs(targets, options))


def _describe(items: list[Document | InputError]) -> list[str]:
    """Each item as its origin, plus the reason for errors."""
    return [
        f"{item.origin}: {item.reason}" if isinstance(item, InputError) else item.origin
        for item in items
    ]


@pytest.fixture
def tree(tmp_path: Path, fixtures: Path) -> Path:
    """A directory of articles with nested, hidden and non-article files."""
    root = tmp_path / "site"
    (root / "b" / "deep").mkdir(parents=True)
    (root / ".git").mkdir()
    shutil.copy(fixtures / "turmeric.md", root / "b" / "deep" / "turmeric.md")
    shutil.copy(fixtures / "sleep.html", root / "a.HTML")
    (root / "c.txt").write_text("Plain article text.\n")
    (root / ".hidden.txt").write_text("Hidden.\n")
    (root / ".git" / "x.txt").write_text("Hidden dir.\n")
    (root / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / "notes.rst").write_text("Not an article extension.\n")
    return root


def test_directory_recursive_sorted_filtered(tree: Path) -> None:
    items = _run([str(tree)])
    assert all(isinstance(i, Document) for i in items)
    assert _describe(items) == [
        str(tree / "a.HTML"),
        str(tree / "b" / "deep" / "turmeric.md"),
        str(tree / "c.txt"),
    ]
    assert [i.media_type for i in items if isinstance(i, Document)] == [
        "text/html",
        "text/markdown",
        "text/plain",
    ]


def test_directory_without_articles(tmp_path: Path) -> None:
    (tmp_path / "pic.jpg").write_bytes(b"\xff\xd8\xff")
    assert _describe(_run([str(tmp_path)])) == [
        f"{tmp_path}: no articles found (looked for .txt, .md, .markdown, .html, .htm)"
    ]


def test_missing_file() -> None:
    assert _describe(_run(["no/such/file.md"])) == ["no/such/file.md: no such file or directory"]


def test_unknown_extension_is_plain_text_unless_binary(tmp_path: Path) -> None:
    (tmp_path / "draft.text").write_text("A short draft.\n")
    (tmp_path / "scan.dat").write_bytes(b"%PDF-1.4 ...")
    items = _run([str(tmp_path / "draft.text"), str(tmp_path / "scan.dat")])
    assert isinstance(items[0], Document) and items[0].text == "A short draft.\n"
    assert isinstance(items[1], InputError)
    assert items[1].reason == "binary file (looks like PDF)"


def test_one_bad_input_does_not_stop_iteration(tree: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    targets = [str(tree / "c.txt"), str(empty), "missing.txt", "ftp://x.example/a",
               str(tree / "a.HTML")]  # fmt: skip
    assert _describe(_run(targets)) == [
        str(tree / "c.txt"),
        f"{empty}: empty file",
        "missing.txt: no such file or directory",
        "ftp://x.example/a: unsupported URL scheme 'ftp': only http and https",
        str(tree / "a.HTML"),
    ]


def test_file_url_scheme_refused() -> None:
    assert _describe(_run(["file:///etc/passwd"])) == [
        "file:///etc/passwd: unsupported URL scheme 'file': only http and https"
    ]


@pytest.mark.skipif(
    sys.platform == "win32" or (hasattr(os, "geteuid") and os.geteuid() == 0),
    reason="permissions are not enforced for root",
)
def test_permission_denied(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("secret")
    path.chmod(0)
    try:
        assert _describe(_run([str(path)])) == [f"{path}: permission denied"]
    finally:
        path.chmod(0o644)


def test_permission_error_mapped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("secret")

    def deny(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", deny)  # load_file opens with os.open (O_NONBLOCK)
    assert _describe(_run([str(path)])) == [f"{path}: permission denied"]


def test_glob(tree: Path) -> None:
    assert _describe(_run([str(tree / "**" / "*.md")])) == [
        str(tree / "b" / "deep" / "turmeric.md")
    ]
    (nothing,) = _run([str(tree / "*.docx")])
    assert isinstance(nothing, InputError)
    assert nothing.reason == "no files match this pattern"


@pytest.mark.parametrize(
    ("fmt", "data", "kind"),
    [
        ("txt", b"Heading Here\n\nBody text.\n", "heading"),
        ("md", b"# Title\n\nBody *text*.\n", "heading"),
        ("html", b"<p>Body <b>text</b>.</p>", "paragraph"),
    ],
)
def test_stdin(monkeypatch: pytest.MonkeyPatch, fmt: str, data: bytes, kind: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    (doc,) = _run(["-"], LoadOptions(stdin_format=fmt))
    assert isinstance(doc, Document)
    assert doc.origin == "<stdin>"
    assert doc.blocks[0].role == kind


def test_stdin_too_large(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"x" * 50)))
    (err,) = _run(["-"], LoadOptions(max_bytes=10))
    assert isinstance(err, InputError)
    assert err.reason.startswith("file too large: more than 11 bytes (limit 10 bytes)")


def test_bad_options_rejected() -> None:
    with pytest.raises(ConfigError):
        LoadOptions(stdin_format="docx")
    with pytest.raises(ConfigError, match="unknown HTML mode 'html': use page or article"):
        LoadOptions(html_mode="html")  # the parser's name is no mode: one name per mode


def test_html_modes_are_the_cli_choices() -> None:
    (option,) = (p for p in check.params if p.name == "html_mode")
    assert isinstance(option.type, click.Choice)
    assert list(option.type.choices) == list(HTML_MODES)


def test_url_without_web_module(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "claimcheck.inputs.web", None)  # import now fails
    assert _describe(_run(["https://example.org/a"])) == [
        "https://example.org/a: fetching URLs is not available in this build"
    ]


def test_url_uses_web_module(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, object]] = []
    fake = type(sys)("claimcheck.inputs.web")

    def fetch_document(url: str, options: object) -> Document:
        calls.append((url, options))
        if "bad" in url:
            raise InputError(url, "HTTP 404")
        return Document(origin=url, text="Fetched.")

    fake.fetch_document = fetch_document  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "claimcheck.inputs.web", fake)
    marker = object()
    items = _run(["HTTPS://ok.example/", "http://bad.example/"], LoadOptions(fetch=marker))
    assert _describe(items) == ["HTTPS://ok.example/", "http://bad.example/: HTTP 404"]
    assert calls == [("HTTPS://ok.example/", marker), ("http://bad.example/", marker)]


def test_parser_crash_becomes_input_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from claimcheck.inputs import load

    def boom(origin: str, text: str) -> Document:
        raise RuntimeError("parser bug")

    monkeypatch.setitem(load.FORMATS, "md", boom)
    path = tmp_path / "a.md"
    path.write_text("# Hi\n")
    (err,) = _run([str(path)])
    assert isinstance(err, InputError)
    assert err.reason == "could not parse as md: RuntimeError"


def test_streaming_is_lazy(tree: Path) -> None:
    iterator = iter_inputs([str(tree), "missing.txt"], OPTIONS)
    first = next(iterator)
    assert isinstance(first, Document)
    (tree / "c.txt").unlink()  # later inputs are read only when reached
    rest = list(iterator)
    assert _describe(rest)[-1] == "missing.txt: no such file or directory"


def test_markup_without_text_is_extract_error(tmp_path: Path) -> None:
    path = tmp_path / "menu.html"
    path.write_text("<html><body><nav><a href='/'>Home</a></nav><script>x()</script></body></html>")
    (err,) = _run([str(path)])
    assert isinstance(err, ExtractError)
    assert err.reason == "no text found after removing markup"
