"""Project configuration: ``[tool.claimcheck]`` in pyproject.toml or a ``.claimcheck.toml``.

Found by walking up from the current directory (black's ``find_project_root``); values become
click defaults, so command-line options still win. A setting must never switch rules off
silently: unknown keys, values of the wrong TOML type (a string where a list is expected, a
boolean where a number is) and values the option itself refuses are errors naming the file
and the key (exit 2).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from claimcheck.errors import ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


@dataclass(frozen=True)
class Expect:
    """What one key takes: words for the error message and the check a TOML value must pass."""

    words: str
    accepts: Callable[[Any], bool]


def _is_strings(value: Any) -> bool:
    """A list of strings; a bare string is not one (``"CC3"`` would be read letter by letter)."""
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _is_integer(value: Any) -> bool:
    """An integer; ``true`` is not 1."""
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    """An integer or a float, not a boolean."""
    return isinstance(value, int | float) and not isinstance(value, bool)


STRINGS = Expect("a list of strings", _is_strings)
TEXT = Expect("a string", lambda v: isinstance(v, str))
FLAG = Expect("true or false", lambda v: isinstance(v, bool))
INTEGER = Expect("an integer", _is_integer)
NUMBER = Expect("a number", _is_number)
TABLE = Expect("a table", lambda v: isinstance(v, dict))

KEYS: dict[str, Expect] = {
    "select": STRINGS, "ignore": STRINGS, "fail-on": TEXT, "min-severity": TEXT,
    "preview": FLAG, "lexicon": STRINGS, "check-quotes": FLAG, "stdin-format": TEXT,
    "max-bytes": INTEGER, "timeout": NUMBER, "format": TEXT, "per-path": TABLE, "html": TEXT,
    "doc-timeout": NUMBER,
}  # fmt: skip
PER_PATH_KEYS: dict[str, Expect] = {"ignore": STRINGS}
OPTION_NAMES = {"format": "fmt", "html": "html_mode", "lexicon": "lexicons"}  # key -> parameter


@dataclass(frozen=True)
class FileConfig:
    """Settings read from one configuration file."""

    path: Path | None
    values: dict[str, Any]

    def default_map(self) -> dict[str, Any]:
        """click defaults for the ``check`` command (option names with underscores)."""
        out = {option_name(k): v for k, v in self.values.items() if k != "per-path"}
        if "lexicons" in out:
            base = self.path.parent if self.path else Path.cwd()
            out["lexicons"] = [str(base / p) for p in out["lexicons"]]
        return out

    def check_values(self, command: click.Command) -> None:
        """Convert each value with its option's own click type (choices, ranges), so a value
        the option refuses names this file and key, not an option the user never typed."""
        params = {p.name: p for p in command.params}
        ctx = click.Context(command)
        for key, value in self.values.items():
            if key == "per-path":
                continue
            try:
                params[option_name(key)].type_cast_value(ctx, value)
            except click.BadParameter as exc:
                raise ConfigError(f"{self.path}: key '{key}': {exc.message}") from exc

    def per_path(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """(glob, ignored selectors) pairs from ``[tool.claimcheck.per-path]``."""
        table = self.values.get("per-path", {})
        return tuple((str(glob), tuple(entry.get("ignore", ()))) for glob, entry in table.items())


def option_name(key: str) -> str:
    """The ``check`` parameter a configuration key sets."""
    return OPTION_NAMES.get(key, key.replace("-", "_"))


def find_config(start: Path | None = None) -> FileConfig:
    """The nearest .claimcheck.toml, or pyproject.toml with a [tool.claimcheck] table."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        dedicated = folder / ".claimcheck.toml"
        if dedicated.is_file():
            return FileConfig(dedicated, _validate(dedicated, _read(dedicated)))
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            table = _read(pyproject).get("tool", {}).get("claimcheck")
            if table is not None:
                return FileConfig(pyproject, _validate(pyproject, table))
    return FileConfig(None, {})


def load_config_file(path: Path) -> FileConfig:
    """An explicitly named file: .claimcheck.toml-style table, or pyproject's [tool.claimcheck]."""
    data = _read(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("claimcheck", {})
    return FileConfig(path, _validate(path, data))


def _read(path: Path) -> dict[str, Any]:
    """Parse a TOML file, mapping errors to ConfigError naming the file."""
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read configuration ({exc})") from exc


def _validate(path: Path, table: Any) -> dict[str, Any]:
    """Check keys and TOML value types, the per-path tables included."""
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.claimcheck] must be a table")
    _check_table(f"{path}:", table, KEYS)
    for glob, entry in table.get("per-path", {}).items():
        where = f"{path}: per-path '{glob}':"
        if not isinstance(entry, dict):
            raise ConfigError(f'{where} must be a table like {{ ignore = ["CC3"] }}')
        _check_table(where, entry, PER_PATH_KEYS)
    return dict(table)


def _check_table(where: str, table: dict[str, Any], keys: dict[str, Expect]) -> None:
    """ConfigError naming the key and what it takes, for the first unknown key or bad value."""
    for key, value in table.items():
        if key not in keys:
            raise ConfigError(f"{where} unknown key '{key}' (allowed: {', '.join(sorted(keys))})")
        want = keys[key]
        if not want.accepts(value):
            raise ConfigError(f"{where} key '{key}' must be {want.words}, got {_describe(value)}")


def _describe(value: Any) -> str:
    """A TOML value in the words of its type, for error messages."""
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        odd = [v for v in value if not isinstance(v, str)]
        return f"a list holding {_describe(odd[0])}" if odd else "a list"
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    kinds = {str: "a string", int: "an integer", float: "a float"}
    return f"{kinds.get(type(value), type(value).__name__)} {value!r}"
