"""Inputs: command-line targets (files, directories, globs, stdin, URLs) -> Documents."""

from __future__ import annotations

from claimcheck.inputs.decode import MAX_INPUT_BYTES, decode_bytes
from claimcheck.inputs.files import LoadOptions, iter_inputs
from claimcheck.inputs.load import (
    EXTENSION_FORMATS,
    FORMATS,
    HTML_MODES,
    STDIN_ORIGIN,
    Unparsed,
    load_file,
    load_stdin,
    parse_bytes,
)

__all__ = [
    "EXTENSION_FORMATS",
    "FORMATS",
    "HTML_MODES",
    "MAX_INPUT_BYTES",
    "STDIN_ORIGIN",
    "LoadOptions",
    "Unparsed",
    "decode_bytes",
    "iter_inputs",
    "load_file",
    "load_stdin",
    "parse_bytes",
]
