"""Configuration files: [tool.claimcheck] in pyproject.toml or .claimcheck.toml."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from claimcheck.cli import cli, main
from claimcheck.config import find_config
from claimcheck.config_keys import FILE_ONLY_KEYS, CommandLineOnly, default_map, option_keys

CLAIM = "Cupping relieves back pain. It is completely safe.\n"


def test_pyproject_table_is_found_from_a_subfolder(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.claimcheck]\nignore = ["CC102"]\nfail-on = "warning"\n', encoding="utf-8"
    )
    sub = tmp_path / "posts"
    sub.mkdir()
    config = find_config(sub)
    assert config.path == tmp_path / "pyproject.toml"
    assert default_map(cli, config) == {"check": {"ignore": ("CC102",), "fail_on": "warning"}}


def test_config_changes_defaults_and_options_still_win(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".claimcheck.toml").write_text(
        'ignore = ["CC102"]\nfail-on = "never"\nformat = "text"\n', "utf-8"
    )
    (tmp_path / "a.txt").write_text(CLAIM, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(cli, ["check", "a.txt"])
    assert result.exit_code == 0 and "CC102" not in result.stdout
    result = runner.invoke(cli, ["check", "--fail-on", "warning", "a.txt"])
    assert result.exit_code == 1
    result = runner.invoke(cli, ["--no-config", "check", "a.txt"])
    assert result.exit_code == 1 and "CC102" in result.stdout


def test_per_path_ignore(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".claimcheck.toml").write_text(
        '[per-path]\n"drafts/*" = { ignore = ["CC1"] }\n', encoding="utf-8"
    )
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.txt").write_text(CLAIM, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["check", "drafts/a.txt"])
    assert "CC110" not in result.stdout and "CC102" not in result.stdout


def test_unknown_key_is_a_config_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".claimcheck.toml").write_text('colour = "red"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "x.txt"]) == 2
    err = capsys.readouterr().err
    assert ".claimcheck.toml" in err and "unknown key 'colour'" in err


def test_invalid_toml_is_a_config_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".claimcheck.toml").write_text("select = [\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["rules"]) == 2
    assert "cannot read configuration" in capsys.readouterr().err


def _config_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], toml: str
) -> str:
    """Run ``check`` under a .claimcheck.toml holding ``toml``; the one line it printed."""
    (tmp_path / ".claimcheck.toml").write_text(toml, encoding="utf-8")
    (tmp_path / "a.txt").write_text(CLAIM, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "a.txt"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and ".claimcheck.toml" in err and "Traceback" not in err
    return err


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ('ignore = "CC102"\n', "key 'ignore' must be a list of strings, got a string 'CC102'"),
        ('[per-path]\n"*" = { ignore = "CC3" }\n', "per-path '*': key 'ignore' must be a list"),
        ('[per-path]\n"*" = "CC3"\n', "per-path '*': must be a table"),
        ('select = ["CC1", 3]\n', "key 'select' must be a list of strings, got a list holding"),
        ('jobs = "2"\n', "key 'jobs' must be an integer, got a string '2'"),
        ('color = "yes"\n', "key 'color' must be true or false, got a string 'yes'"),
        ("per-path = 3\n", "key 'per-path' must be a table, got an integer 3"),
        ('[per-path]\n"*" = { select = ["CC3"] }\n', "per-path '*': unknown key 'select'"),
    ],
)
def test_string_where_a_list_is_expected_is_a_config_error(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    toml: str,
    expected: str,
) -> None:
    # a per-path "CC3" used to be read letter by letter: "C" hid every finding, exit 0
    assert expected in _config_error(tmp_path, monkeypatch, capsys, toml)


def test_boolean_max_bytes_is_a_config_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    err = _config_error(tmp_path, monkeypatch, capsys, "max-bytes = true\n")
    assert "key 'max-bytes' must be an integer, got a boolean (true)" in err


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ("max-bytes = -5\n", "key 'max-bytes': -5 is not in the range"),
        ("timeout = 0\n", "key 'timeout': 0"),
        ('fail-on = "errors"\n', "key 'fail-on': 'errors' is not one of"),
        ('format = "xml"\n', "key 'format': 'xml' is not one of"),
        ('html = "html"\n', "key 'html': 'html' is not one of 'page', 'article'"),
    ],
)
def test_value_the_option_refuses_names_file_and_key(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    toml: str,
    expected: str,
) -> None:
    assert expected in _config_error(tmp_path, monkeypatch, capsys, toml)


def test_negative_max_bytes_option_is_a_usage_error(tmp_path: Path) -> None:
    assert main(["--no-config", "check", "--max-bytes", "-1", str(tmp_path)]) == 2


def test_keys_are_the_commands_long_option_names() -> None:
    """Every option of every subcommand is a key, unless declared command-line only."""
    keys = option_keys(cli)
    assert {"fail-on", "min-severity", "lexicon", "format", "html", "jobs"} <= keys.keys()
    for key, settings in keys.items():
        for setting in settings:
            assert f"--{key}" in setting.option.opts
            assert not isinstance(setting.option, CommandLineOnly)
    guards = {"allow-private-hosts", "ignore-robots", "jsonl"}
    assert guards.isdisjoint(keys) and FILE_ONLY_KEYS.keys().isdisjoint(keys)


def test_a_key_reaches_every_command_that_has_the_option() -> None:
    lexicon = {setting.path for setting in option_keys(cli)["lexicon"]}
    assert lexicon == {("check",), ("rules",), ("lexicon", "validate"), ("lexicon", "export")}


def test_command_line_only_option_is_an_unknown_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # a checked-out project must not lift the SSRF guard for whoever runs claimcheck in it
    err = _config_error(tmp_path, monkeypatch, capsys, "allow-private-hosts = true\n")
    assert "unknown key 'allow-private-hosts'" in err and "fail-on" in err


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ('select = ["CC1O1"]\n', "key 'select': unknown rule selector 'CC1O1' (did you mean"),
        ('ignore = ["CC99"]\n', "key 'ignore': unknown rule selector 'CC99' (did you mean"),
        (
            '[per-path]\n"*" = { ignore = ["CC3", "CC3O1"] }\n',
            "per-path '*': key 'ignore': unknown rule selector 'CC3O1' (did you mean 'CC301'?)",
        ),
    ],
)
def test_unknown_selector_in_config_names_file_and_key(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    toml: str,
    expected: str,
) -> None:
    assert expected in _config_error(tmp_path, monkeypatch, capsys, toml)


RULE = (
    "title: x\nrules:\n  - id: CC198\n    name: house-rule\n    kind: existence\n"
    '    category: claim\n    severity: warning\n    message: "{match} is bad"\n'
    "    patterns: [foo]\n"
)


def _house_pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A project whose configuration adds a pack (path relative to the file); run in a
    subfolder, so a path taken from the current folder would miss it."""
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "x.yml").write_text(RULE, encoding="utf-8")
    (tmp_path / ".claimcheck.toml").write_text('lexicon = ["house"]\n', encoding="utf-8")
    (tmp_path / "posts").mkdir()
    monkeypatch.chdir(tmp_path / "posts")


def test_rules_lists_the_configured_lexicon(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _house_pack(tmp_path, monkeypatch)
    assert main(["rules"]) == 0
    assert "CC198  house-rule" in capsys.readouterr().out
    assert main(["rules", "house-rule"]) == 0
    assert "# CC198 house-rule" in capsys.readouterr().out
    assert main(["--no-config", "rules"]) == 0
    assert "CC198" not in capsys.readouterr().out


def test_lexicon_commands_use_the_configured_lexicon(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _house_pack(tmp_path, monkeypatch)
    assert main(["--no-config", "lexicon", "validate"]) == 0
    default = capsys.readouterr().out
    assert main(["lexicon", "validate"]) == 0
    configured = capsys.readouterr().out
    count = int(default.split()[1])
    assert configured.startswith(f"ok: {count + 1} rules")
    assert main(["--no-config", "lexicon", "export", "--jsonl"]) == 0
    assert '"id": "CC198' not in capsys.readouterr().out
    assert main(["lexicon", "export", "--jsonl"]) == 0
    assert '"id": "CC198' in capsys.readouterr().out


def test_command_line_lexicon_wins_over_the_configured_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _house_pack(tmp_path, monkeypatch)
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "x.yml").write_text(RULE.replace("CC198", "CC197"), encoding="utf-8")
    assert main(["rules", "--lexicon", str(tmp_path / "other")]) == 0
    out = capsys.readouterr().out
    assert "CC197  house-rule" in out and "CC198" not in out
