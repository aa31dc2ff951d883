"""Decoding: UTF-8 first, BOMs honoured, legacy encodings detected, binary and empty refused."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from claimcheck.errors import InputError
from claimcheck.inputs import decode_bytes, load_file

CP1252_TEXT = (
    "\u201cGreen coffee\u201d extract is sold as a fat burner \u2013 but the caf\u00e9 "
    "owner\u2019s claims go further.\r\nExperts say the evidence is weak \u2014 most trials "
    "were small, short and funded by sellers.\r\n"
)


def test_utf8_plain() -> None:
    assert decode_bytes("a", "Caf\u00e9\r\n".encode()) == ("Caf\u00e9\r\n", "utf-8", ())


def test_utf8_bom_removed() -> None:
    text, encoding, notes = decode_bytes("a", codecs.BOM_UTF8 + b"Hello")
    assert (text, encoding, notes) == ("Hello", "utf-8-sig", ())


def test_utf16_bom() -> None:
    text, encoding, _ = decode_bytes("a", "Hi \u00e9".encode("utf-16"))
    assert text == "Hi \u00e9"
    assert encoding == "utf-16"


def test_cp1252_file_reports_encoding(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(CP1252_TEXT.encode("cp1252"))
    doc = load_file(path)
    assert doc.text == CP1252_TEXT
    assert doc.encoding == "cp1252"
    assert doc.notes == ("decoded as cp1252 (detected; not valid UTF-8)",)


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        (b"\x1f\x8b\x08\x00", "gzip"),
    ],
)
def test_binary_magic_rejected(data: bytes, kind: str) -> None:
    with pytest.raises(InputError) as info:
        decode_bytes("f", data)
    assert info.value.reason == f"binary file (looks like {kind})"
    assert str(info.value) == f"f: binary file (looks like {kind})"


def test_nul_bytes_rejected() -> None:
    with pytest.raises(InputError, match="binary file \\(contains NUL bytes\\)"):
        decode_bytes("f", b"text\x00more text")


@pytest.mark.parametrize("data", [b"", b"  \r\n\t\n", codecs.BOM_UTF8 + b"\n"])
def test_empty_and_whitespace_only(data: bytes) -> None:
    with pytest.raises(InputError) as info:
        decode_bytes("f", data)
    assert info.value.reason == "empty file"


def test_oversized_file_small_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 300)
    with pytest.raises(InputError) as info:
        load_file(path, max_bytes=1000)
    assert (
        info.value.reason
        == "file too large: 1.5 KB (limit 1000 bytes); split it or raise --max-bytes"
    )


def test_sparse_20mb_file_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(20 * 1024 * 1024)
    with pytest.raises(InputError) as info:
        load_file(path)
    assert info.value.reason == (
        "file too large: 20.0 MB (limit 10 MB); split it or raise --max-bytes"
    )
