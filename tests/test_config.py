"""Configuration files: [tool.claimcheck] in pyproject.toml or .claimcheck.toml."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from claimcheck.cli import check, cli, main
from claimcheck.config import KEYS, find_config, option_name

CLAIM = "Cupping relieves back pain. It is completely safe.\n"


def test_pyproject_table_is_found_from_a_subfolder(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.claimcheck]\nignore = ["CC102"]\nfail-on = "warning"\n', encoding="utf-8"
    )
    sub = tmp_path / "posts"
    sub.mkdir()
    config = find_config(sub)
    assert config.path == tmp_path / "pyproject.toml"
    assert config.default_map() == {"ignore": ["CC102"], "fail_on": "warning"}


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


def test_every_config_key_is_a_check_option() -> None:
    """A key without its option could never be checked by the option's own type."""
    names = {p.name for p in check.params}
    assert {option_name(k) for k in KEYS if k != "per-path"} <= names


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
