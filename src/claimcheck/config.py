"""Project configuration: ``[tool.claimcheck]`` in pyproject.toml or a ``.claimcheck.toml``.

Found by walking up from the current directory (black's ``find_project_root``); values become
click defaults (``claimcheck.config_keys``), so command-line options still win. A setting must
never switch rules off silently: unknown keys, values of the wrong TOML type (a string where a
list is expected, a boolean where a number is) and values the option itself refuses are errors
naming the file and the key (exit 2).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimcheck.errors import ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


@dataclass(frozen=True)
class FileConfig:
    """Settings read from one configuration file (checked against the commands' options by
    ``claimcheck.config_keys``)."""

    path: Path | None
    values: dict[str, Any]

    @property
    def folder(self) -> Path:
        """Where relative paths in the file start: the file's own folder."""
        return self.path.parent if self.path else Path.cwd()

    def per_path(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """(glob, ignored selectors) pairs from ``[tool.claimcheck.per-path]``."""
        table = self.values.get("per-path", {})
        return tuple((str(glob), tuple(entry.get("ignore", ()))) for glob, entry in table.items())


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
    """The settings table; its keys and values are checked against the commands' options."""
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.claimcheck] must be a table")
    return dict(table)
