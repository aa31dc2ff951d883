"""-v/-vv configure the ``claimcheck`` logger only: libraries' debug logs stay silent."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from claimcheck.cli import main


def test_vv_prints_claimcheck_debug_but_not_third_party_debug(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text("# Tips\n\nCupping relieves back pain.\n", encoding="utf-8")
    root_handlers, root_level = list(logging.root.handlers), logging.root.level
    assert main(["-vv", "--no-config", "check", "--fail-on", "never", str(draft)]) == 0
    logging.getLogger("markdown_it.rules_block").debug("third-party detail")
    logging.getLogger("claimcheck.inputs").debug("own detail")
    err = capsys.readouterr().err
    assert "claimcheck: DEBUG: own detail" in err
    assert "third-party detail" not in err
    assert "entering" not in err  # markdown-it's block-parser trace, printed by -vv before
    assert logging.root.handlers == root_handlers and logging.root.level == root_level


def test_default_level_hides_info(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--no-config", "rules", "CC101"]) == 0
    logging.getLogger("claimcheck.inputs").info("progress")
    logging.getLogger("claimcheck.inputs").warning("a warning")
    err = capsys.readouterr().err
    assert "progress" not in err and "claimcheck: WARNING: a warning" in err


def test_a_second_run_does_not_print_records_twice(capsys: pytest.CaptureFixture[str]) -> None:
    for _ in range(2):
        assert main(["-v", "--no-config", "rules", "CC101"]) == 0
    logging.getLogger("claimcheck.inputs").info("once")
    assert capsys.readouterr().err.count("once") == 1
