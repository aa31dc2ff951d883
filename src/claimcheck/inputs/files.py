"""Expand command-line targets (files, directories, globs, ``-``, URLs) into Documents, lazily."""

from __future__ import annotations

import dataclasses
import glob
import logging
import re
import stat
from collections.abc import Iterator, Sequence
from functools import partial
from pathlib import Path

from claimcheck.document import Document
from claimcheck.errors import ConfigError, InputError
from claimcheck.inputs.decode import MAX_INPUT_BYTES
from claimcheck.inputs.load import (
    FORMATS,
    HTML_MODES,
    STDIN_ORIGIN,
    Unparsed,
    as_input_error,
    fetch_unparsed,
    fetch_url,
    guarded,
    load_file,
    load_stdin,
    read_file,
    read_stdin,
    special_file_type,
)

Loaded = Document | Unparsed | InputError

logger = logging.getLogger(__name__)

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")
_GLOB_CHARS = re.compile(r"[*?\[]")


@dataclasses.dataclass(frozen=True)
class LoadOptions:
    """How targets are read: stdin format, size limit, directory extensions, fetch options."""

    stdin_format: str = "txt"
    max_bytes: int = MAX_INPUT_BYTES
    extensions: tuple[str, ...] = (".txt", ".md", ".markdown", ".html", ".htm")
    fetch: object | None = None  # options of claimcheck.inputs.web, passed through untouched
    html_mode: str = "page"  # HTML files and stdin: "page" (whole page) or "article"
    parse_later: bool = False  # files and stdin as Unparsed: parsed where they are checked
    stdin_name: str | None = None  # --stdin-filename: the origin of '-' (default: <stdin>)

    def __post_init__(self) -> None:
        """Reject an unknown stdin format or a non-positive size limit."""
        if self.stdin_format not in FORMATS:
            raise ConfigError(f"unknown stdin format {self.stdin_format!r}: use txt, md or html")
        if self.html_mode not in HTML_MODES:
            modes = " or ".join(HTML_MODES)
            raise ConfigError(f"unknown HTML mode {self.html_mode!r}: use {modes}")
        if self.max_bytes <= 0:
            raise ConfigError(f"--max-bytes must be positive, not {self.max_bytes}")


def _stdin_format(options: LoadOptions) -> str:
    """The stdin format, with HTML read as the options say (whole page or article)."""
    html = options.stdin_format == "html"
    return HTML_MODES[options.html_mode] if html else options.stdin_format


def walk_directory(root: Path, extensions: tuple[str, ...]) -> Iterator[Path | InputError]:
    """Yield article files under ``root`` in sorted order, skipping hidden entries."""
    try:
        entries = sorted(root.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        yield as_input_error(str(root), exc)
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            if not entry.is_symlink():  # never follow directory links: they can loop
                yield from walk_directory(entry, extensions)
        elif entry.suffix.lower() in extensions and _is_regular(entry):
            yield entry


def _is_regular(entry: Path) -> bool:
    """True for a regular file (or a link to one); FIFOs, devices and sockets are skipped.

    The rule is ``load_file``'s: reading those could block the walk forever. Named on the
    command line they are refused with an error; found in a directory they are only logged.
    """
    try:
        mode = entry.stat().st_mode
    except OSError:  # a dangling link or a file that vanished: nothing to read
        return False
    file_type = special_file_type(mode)
    if file_type is not None:
        logger.info("%s: skipped: not a regular file (%s)", entry, file_type)
    return stat.S_ISREG(mode)


def _iter_directory(root: Path, options: LoadOptions) -> Iterator[Loaded]:
    """Yield the Documents of every article file under ``root``, or one error if there are none."""
    found = 0
    for item in walk_directory(root, tuple(e.lower() for e in options.extensions)):
        if isinstance(item, InputError):
            yield item
            continue
        found += 1
        yield _load(item, str(item), options)
    if found == 0:
        looked = ", ".join(options.extensions)
        yield InputError(str(root), f"no articles found (looked for {looked})")


def _iter_glob(pattern: str, options: LoadOptions) -> Iterator[Loaded]:
    """Expand a glob pattern (sorted); directories it matches are walked like directories."""
    # glob.glob, not Path.glob: the pattern may be absolute or start with "..".
    matches = sorted(glob.glob(pattern, recursive=True))  # noqa: PTH207
    if not matches:
        yield InputError(pattern, "no files match this pattern")
        return
    for match in matches:
        yield from _iter_path(match, options)


def _iter_path(target: str, options: LoadOptions) -> Iterator[Loaded]:
    """Yield the Document(s) of a file or directory path."""
    path = Path(target)
    try:
        is_dir = path.is_dir()
        exists = is_dir or path.exists()
    except OSError as exc:
        yield as_input_error(target, exc)
        return
    if is_dir:
        yield from _iter_directory(path, options)
    elif exists:
        yield _load(path, target, options)
    else:
        yield InputError(target, "no such file or directory")


def _load(path: Path, origin: str, options: LoadOptions) -> Loaded:
    """Read one file, parsed now or (``parse_later``) where it will be checked."""
    read = read_file if options.parse_later else load_file
    return guarded(origin, partial(read, path, options.max_bytes, html_mode=options.html_mode))


def is_web_url(target: str) -> bool:
    """True for an http(s) URL target (the only targets that need the fetch layer)."""
    scheme = _SCHEME.match(target)
    return scheme is not None and scheme.group(1).lower() in ("http", "https")


def _iter_target(target: str, options: LoadOptions) -> Iterator[Loaded]:
    """Yield the Document(s) or errors of one command-line target."""
    if target == "-":
        read = read_stdin if options.parse_later else load_stdin
        origin = options.stdin_name or STDIN_ORIGIN
        yield guarded(origin, partial(read, _stdin_format(options), options.max_bytes, origin))
        return
    scheme = _SCHEME.match(target)
    if scheme is not None:
        name = scheme.group(1).lower()
        if name in ("http", "https"):
            fetch = fetch_unparsed if options.parse_later else fetch_url
            yield guarded(target, partial(fetch, target, options.fetch))
        else:
            yield InputError(target, f"unsupported URL scheme {name!r}: only http and https")
        return
    if _GLOB_CHARS.search(target) and not Path(target).exists():
        yield from _iter_glob(target, options)
    else:
        yield from _iter_path(target, options)


def iter_inputs(targets: Sequence[str], options: LoadOptions) -> Iterator[Loaded]:
    """Yield one Document per article found in ``targets``, or an InputError per failed input.

    Inputs are read one at a time, so a large batch never sits in memory; no error stops the
    iteration.
    """
    for target in targets:
        try:
            yield from _iter_target(target, options)
        except Exception as exc:  # a bug in expansion must not end the whole run
            logger.debug("%s: failed to expand", target, exc_info=True)
            yield as_input_error(target, exc)
