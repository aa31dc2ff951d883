"""The configuration keys, read off the commands' own options (black's ``default_map``).

A key is an option's long name without the dashes (``--fail-on`` is ``fail-on``), on every
command that has the option: ``lexicon = [...]`` reaches ``check``, ``rules`` and the
``lexicon`` commands alike. Its value must have the TOML type the option takes (a list for
a repeatable option, ``true``/``false`` for a flag, a number for a numeric type) and pass the
option's own click type (choices, ranges), or the error names the file and the key. Options
declared with ``cls=CommandLineOnly`` are no key, and the keys no option has are declared
in ``FILE_ONLY_KEYS``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from claimcheck.config import FileConfig
from claimcheck.errors import ConfigError

CommandPath = tuple[str, ...]  # ("check",), ("lexicon", "validate")

# Keys of the file that no option has: tables of globs, each setting these ``check`` options.
FILE_ONLY_KEYS: dict[str, tuple[str, ...]] = {"per-path": ("ignore",)}
FILE_ONLY_COMMAND = "check"


class CommandLineOnly(click.Option):
    """An option no configuration file may set: a guard only the person running it lifts."""


@dataclass(frozen=True)
class Expect:
    """What a key takes in TOML: words for error messages and the check a value must pass."""

    words: str
    plural: str
    accepts: Callable[[Any], bool]
    item: Expect | None = None  # a list's: what each entry takes


def _is_integer(value: Any) -> bool:
    """An integer; ``true`` is not 1."""
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    """An integer or a float, not a boolean."""
    return isinstance(value, int | float) and not isinstance(value, bool)


TEXT = Expect("a string", "strings", lambda v: isinstance(v, str))
FLAG = Expect("true or false", "booleans", lambda v: isinstance(v, bool))
INTEGER = Expect("an integer", "integers", _is_integer)
NUMBER = Expect("a number", "numbers", _is_number)


def expect(option: click.Option) -> Expect:
    """The TOML value an option takes: one of its type, or a list of them if repeatable.

    A bare string is no list: ``ignore = "CC3"`` would be read letter by letter.
    """
    param_type = option.type
    if option.is_flag or isinstance(param_type, click.types.BoolParamType):
        one = FLAG
    elif isinstance(param_type, click.types.IntParamType):
        one = INTEGER
    elif isinstance(param_type, click.types.FloatParamType):
        one = NUMBER
    else:
        one = TEXT
    if not (option.multiple or option.nargs != 1):
        return one
    words = f"a list of {one.plural}"
    return Expect(
        words, words, lambda v: isinstance(v, list) and all(one.accepts(x) for x in v), one
    )


@dataclass(frozen=True)
class Setting:
    """One key as one command's option."""

    path: CommandPath
    command: click.Command
    option: click.Option


def key_of(option: click.Option) -> str | None:
    """The option's key: its long name without dashes, or None if it has no long name."""
    return next((name[2:] for name in option.opts if name.startswith("--")), None)


def _commands(
    group: click.Group, path: CommandPath = ()
) -> Iterator[tuple[CommandPath, click.Command]]:
    """Every command under ``group``, subgroups walked, with its path of names."""
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from _commands(command, (*path, name))
        else:
            yield (*path, name), command


def option_keys(group: click.Group) -> dict[str, tuple[Setting, ...]]:
    """Every key the commands under ``group`` take, with the option it sets in each."""
    keys: dict[str, list[Setting]] = {}
    for path, command in _commands(group):
        for param in command.params:
            if not isinstance(param, click.Option) or isinstance(param, CommandLineOnly):
                continue
            key = key_of(param)
            if key is not None:
                keys.setdefault(key, []).append(Setting(path, command, param))
    return {key: tuple(settings) for key, settings in keys.items()}


def allowed_keys(group: click.Group) -> list[str]:
    """Every key a configuration file may hold, sorted."""
    return sorted({*option_keys(group), *FILE_ONLY_KEYS})


def default_map(group: click.Group, config: FileConfig) -> dict[str, Any]:
    """click's ``default_map`` for ``group``: each value under every command that takes it.

    Values are checked and converted here, by the option's own type, so an error names the
    file and the key rather than an option the user never typed. Relative paths are taken
    from the folder of the file.
    """
    keys = option_keys(group)
    out: dict[str, Any] = {}
    for key, value in config.values.items():
        if key in FILE_ONLY_KEYS:
            _check_tables(config, key, value, keys)
            continue
        if key not in keys:
            allowed = ", ".join(allowed_keys(group))
            raise ConfigError(f"{config.path}: unknown key '{key}' (allowed: {allowed})")
        for setting in keys[key]:
            converted = _convert(f"{config.path}:", key, value, setting, config.folder)
            command_map = out
            for name in setting.path:
                command_map = command_map.setdefault(name, {})
            command_map[setting.option.name or key] = converted
    return out


def _convert(where: str, key: str, value: Any, setting: Setting, folder: Path) -> Any:
    """``value`` as the option takes it; ConfigError naming ``where`` and the key if refused."""
    want = expect(setting.option)
    if not want.accepts(value):
        got = _describe(value, want.item)
        raise ConfigError(f"{where} key '{key}' must be {want.words}, got {got}")
    if isinstance(setting.option.type, click.Path):
        value = [str(folder / v) for v in value] if isinstance(value, list) else str(folder / value)
    try:
        return setting.option.type_cast_value(click.Context(setting.command), value)
    except click.BadParameter as exc:
        raise ConfigError(f"{where} key '{key}': {exc.message}") from exc


def _check_tables(
    config: FileConfig, key: str, table: Any, keys: dict[str, tuple[Setting, ...]]
) -> None:
    """A file-only table: globs, each a table of the ``check`` options it may set."""
    if not isinstance(table, dict):
        raise ConfigError(f"{config.path}: key '{key}' must be a table, got {_describe(table)}")
    allowed = FILE_ONLY_KEYS[key]
    for glob, entry in table.items():
        where = f"{config.path}: {key} '{glob}':"
        if not isinstance(entry, dict):
            example = f'{{ {allowed[0]} = ["CC3"] }}'
            raise ConfigError(f"{where} must be a table like {example}")
        for name, value in entry.items():
            if name not in allowed:
                raise ConfigError(f"{where} unknown key '{name}' (allowed: {', '.join(allowed)})")
            (setting,) = (s for s in keys[name] if s.path == (FILE_ONLY_COMMAND,))
            _convert(where, name, value, setting, config.folder)


def _describe(value: Any, item: Expect | None = None) -> str:
    """A TOML value in the words of its type, for error messages; for a list, the first entry
    ``item`` refuses."""
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        odd = [v for v in value if item is not None and not item.accepts(v)]
        return f"a list holding {_describe(odd[0])}" if odd else "a list"
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    kinds = {str: "a string", int: "an integer", float: "a float"}
    return f"{kinds.get(type(value), type(value).__name__)} {value!r}"
