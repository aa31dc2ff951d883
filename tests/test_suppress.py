"""Inline suppression directives and the unused-suppression finding CC900."""

from __future__ import annotations

from claimcheck.api import CheckOptions, Linter
from claimcheck.extract.markdown import parse_markdown
from claimcheck.extract.text import parse_plain
from claimcheck.lexicon.model import RuleSet

CLAIM = "Cupping relieves back pain."


def rules(linter: Linter, text: str, md: bool = False) -> list[str]:
    """Rule ids reported for a snippet."""
    doc = parse_markdown("t.md", text) if md else parse_plain("t.txt", text)
    return [f.rule for f in linter.check_document(doc).findings]


def test_disable_enable_region(linter: Linter) -> None:
    text = f"<!-- claimcheck-disable CC110 -->\n{CLAIM}\n<!-- claimcheck-enable -->\n\n{CLAIM}\n"
    assert rules(linter, text).count("CC110") == 1


def test_bare_disable_silences_everything_after_it(linter: Linter) -> None:
    text = f"{CLAIM}\n\n<!-- claimcheck-disable -->\n\n{CLAIM}\n"
    found = rules(linter, text)
    assert found.count("CC110") == 1


def test_prefix_and_name_selectors(linter: Linter) -> None:
    assert "CC110" not in rules(linter, f"<!-- claimcheck-disable CC1 -->\n{CLAIM}\n")
    text = f"<!-- claimcheck-disable unsupported-efficacy-claim -->\n{CLAIM}\n"
    assert "CC110" not in rules(linter, text)


def test_disable_next_block_in_markdown(linter: Linter) -> None:
    text = f"<!-- claimcheck-disable-next-block CC110 -->\n\n{CLAIM}\n\n{CLAIM}\n"
    assert rules(linter, text, md=True).count("CC110") == 1


def test_line_comment_in_plain_text(linter: Linter) -> None:
    text = f"{CLAIM} claimcheck: ignore CC110\n\n{CLAIM}\n"
    assert rules(linter, text).count("CC110") == 1


def test_unused_suppression_is_reported(linter: Linter) -> None:
    text = "<!-- claimcheck-disable CC101 -->\nWe walked along the river.\n"
    assert rules(linter, text) == ["CC900"]


def test_cc900_can_be_ignored(ruleset: RuleSet) -> None:
    quiet = Linter(ruleset, CheckOptions(ignore=("CC900",)))
    assert rules(quiet, "<!-- claimcheck-disable CC101 -->\nWe walked.\n") == []


def test_quoted_claims_are_skipped_unless_asked(ruleset: RuleSet, linter: Linter) -> None:
    text = "Our reader wrote in:\n\n> Cupping relieves back pain.\n"
    assert "CC110" not in rules(linter, text, md=True)
    strict = Linter(ruleset, CheckOptions(check_quotes=True))
    assert "CC110" in rules(strict, text, md=True)


def test_per_path_ignores(ruleset: RuleSet) -> None:
    lint = Linter(ruleset, CheckOptions(per_path=(("drafts/*", ("CC1",)),)))
    assert "CC110" not in [
        f.rule for f in lint.check_document(parse_plain("drafts/a.txt", CLAIM)).findings
    ]
    assert "CC110" in [
        f.rule for f in lint.check_document(parse_plain("final/a.txt", CLAIM)).findings
    ]


def test_html_comment_directives(linter: Linter) -> None:
    from claimcheck.extract.html import parse_html

    html = (
        "<html><body><!-- claimcheck-disable-next-block CC110 --><p>Cupping relieves back "
        "pain.</p><p>Cupping relieves back pain.</p></body></html>"
    )
    found = [f.rule for f in linter.check_document(parse_html("t.html", html)).findings]
    assert found.count("CC110") == 1


def test_directive_for_a_rule_run_elsewhere_is_not_called_unused(ruleset: RuleSet) -> None:
    """With --jobs, CC430 runs in the parent: a worker must not call its directive unused."""
    worker = Linter(ruleset)
    worker.rules = [r for r in worker.rules if r.id != "CC430"]
    text = "<!-- claimcheck-disable CC430 -->\nWe walked along the river.\n"
    assert rules(worker, text) == []
    assert rules(worker, "<!-- claimcheck-disable CC999 -->\nWe walked.\n") == ["CC900"]
