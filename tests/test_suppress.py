"""Inline suppression directives and the unused-suppression finding CC900."""

from __future__ import annotations

import pytest

from claimcheck.api import CheckOptions, Linter
from claimcheck.extract.markdown import parse_markdown
from claimcheck.extract.text import parse_plain
from claimcheck.findings import Severity
from claimcheck.lexicon.model import RuleSet
from claimcheck.parallel import check_parallel

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


def test_directive_for_a_rule_that_is_not_enabled_is_not_called_unused(
    ruleset: RuleSet,
) -> None:
    linter = Linter(ruleset, CheckOptions(ignore=("CC430",)))
    text = "<!-- claimcheck-disable CC430 -->\nWe walked along the river.\n"
    assert rules(linter, text) == []
    assert rules(linter, "<!-- claimcheck-disable CC999 -->\nWe walked.\n") == ["CC900"]


SHARED = (
    "Our friendly team of certified experts offers personalised care plans for every "
    "budget and lifestyle. We combine modern techniques with time-honoured wisdom to help "
    "you feel your best, and every first visit includes a free consultation."
)


@pytest.mark.parametrize(
    "second",
    [
        f"<!-- claimcheck-disable -->\n\n{SHARED}",  # silences the run-level CC430 as well
        f"<!-- claimcheck-disable CC430 -->\n\n{SHARED}",
        "<!-- claimcheck-disable CC430 -->\n\nNothing here repeats.",  # unused: CC900
    ],
)
def test_jobs_do_not_change_suppression(ruleset: RuleSet, second: str) -> None:
    """Run-level rules (CC430) run in the parent under --jobs; the findings are the same."""
    docs = [parse_markdown("a.md", f"Intro.\n\n{SHARED}"), parse_markdown("b.md", second)]
    found = {
        jobs: [
            (r.origin, [f.rule for f in r.findings])
            for r in check_parallel(Linter(ruleset), docs, jobs)
        ]
        for jobs in (1, 2)
    }
    assert found[1] == found[2]


def test_cc900_obeys_the_severity_threshold(ruleset: RuleSet) -> None:
    linter = Linter(ruleset, CheckOptions(min_severity=Severity.ERROR))
    assert rules(linter, "<!-- claimcheck-disable CC999 -->\nWe walked.\n") == []
