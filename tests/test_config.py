"""Configuration files: [tool.claimcheck] in pyproject.toml or .claimcheck.toml."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from claimcheck.cli import cli, main
from claimcheck.config import find_config

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
        'ignore = "CC102"\nfail-on = "never"\nformat = "text"\n', "utf-8"
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
