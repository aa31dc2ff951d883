"""Project configuration: ``[tool.claimcheck]`` in pyproject.toml or a ``.claimcheck.toml``.

Found by walking up from the current directory (black's ``find_project_root``); values become
click defaults, so command-line options still win. Unknown keys are errors (exit 2).
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

KEYS = {
    "select": list, "ignore": list, "fail-on": str, "min-severity": str, "preview": bool,
    "lexicon": list, "check-quotes": bool, "stdin-format": str, "max-bytes": int,
    "timeout": float, "format": str, "per-path": dict, "html": str, "doc-timeout": float,
}  # fmt: skip


@dataclass(frozen=True)
class FileConfig:
    """Settings read from one configuration file."""

    path: Path | None
    values: dict[str, Any]

    def default_map(self) -> dict[str, Any]:
        """click defaults for the ``check`` command (option names with underscores)."""
        out = {k.replace("-", "_"): v for k, v in self.values.items() if k != "per-path"}
        if "format" in out:
            out["fmt"] = out.pop("format")
        if "html" in out:
            out["html_mode"] = out.pop("html")
        if "lexicon" in out:
            base = self.path.parent if self.path else Path.cwd()
            out["lexicons"] = [str(base / p) for p in out.pop("lexicon")]
        return out

    def per_path(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """(glob, ignored selectors) pairs from ``[tool.claimcheck.per-path]``."""
        table = self.values.get("per-path", {})
        out = []
        for glob, entry in table.items():
            if not isinstance(entry, dict) or set(entry) - {"ignore"}:
                raise ConfigError(f"{self.path}: per-path '{glob}' takes only 'ignore'")
            out.append((str(glob), tuple(str(s) for s in entry.get("ignore", ()))))
        return tuple(out)


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
    """Check keys and value types; strings are accepted where a list is expected."""
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.claimcheck] must be a table")
    out: dict[str, Any] = {}
    for key, value in table.items():
        if key not in KEYS:
            raise ConfigError(f"{path}: unknown key '{key}' (allowed: {', '.join(sorted(KEYS))})")
        want = KEYS[key]
        if want is list and isinstance(value, str):
            value = [value]
        if want is float and isinstance(value, int):
            value = float(value)
        if not isinstance(value, want):
            raise ConfigError(f"{path}: key '{key}' must be a {want.__name__}")
        out[key] = value
    return out
