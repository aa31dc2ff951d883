"""The parts of --format sarif: fingerprints, regions, rule docs, places, JSON data."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from sarif_om import ArtifactLocation, Message, Notification, Region, ReportingConfiguration

from claimcheck.api import check_text
from claimcheck.findings import Finding, Severity
from claimcheck.lexicon.model import Rule
from claimcheck.reporters._sarif_data import sarif_data
from claimcheck.reporters._sarif_fingerprints import KEY, fingerprints
from claimcheck.reporters._sarif_places import Places
from claimcheck.reporters.sarif import SarifReporter
from claimcheck.results import FileResult
from tests.reporting import drive

CLAIM = "It is completely safe and has no side effects."


def report(*results: FileResult, rules: tuple[Rule, ...] = ()) -> dict[str, Any]:
    """The SARIF log of ``results``."""
    out = io.StringIO()
    reporter = SarifReporter(out, io.StringIO(), False, rules)
    drive(reporter, results)
    log: dict[str, Any] = json.loads(out.getvalue())
    return log


def prints_and_lines(text: str) -> list[tuple[str, int]]:
    """(fingerprint, start line) of each result for ``text`` checked as one input."""
    results = report(check_text(text, origin="a.txt"))["runs"][0]["results"]
    return [(r["partialFingerprints"][KEY],
             r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in results]


def test_fingerprints_follow_the_text_not_the_line() -> None:
    before = prints_and_lines(CLAIM + "\n")
    after = prints_and_lines("A new first line.\n\nAnd a second paragraph.\n\n" + CLAIM + "\n")
    assert before and [p for p, _ in before] == [p for p, _ in after]
    assert [line for _, line in before] != [line for _, line in after]


def test_fingerprints_ignore_case_and_line_breaks_inside_the_text() -> None:
    one = finding("Completely safe", start=0, line=1, column=1)
    other = finding("completely\n   SAFE", start=50, line=7, column=3)
    assert fingerprints([one]) == fingerprints([other])
    assert fingerprints([one]) != fingerprints([finding("quite safe", 0, 1, 1)])


def test_identical_findings_get_distinct_fingerprints() -> None:
    prints = [p for p, _ in prints_and_lines(f"{CLAIM}\n\n{CLAIM}\n")]
    assert len(prints) == len(set(prints)) and len(prints) >= 2


def finding(text: str, start: int, line: int, column: int) -> Finding:
    return Finding(rule="CC999", name="test", category="claim", severity=Severity.WARNING,
                   start=start, end=start + len(text), line=line, column=column, text=text,
                   message="m")  # fmt: skip


def region_of(f: Finding) -> dict[str, Any]:
    log = report(FileResult(origin="a.txt", findings=(f,)))
    region: dict[str, Any] = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"][
        "region"
    ]
    return region


def test_region_ends_on_the_same_line() -> None:
    region = region_of(finding("cures all", start=10, line=2, column=4))
    assert (region["startLine"], region["startColumn"]) == (2, 4)
    assert (region["endLine"], region["endColumn"]) == (2, 13)
    assert "charOffset" not in region  # offsets are in the extracted text, not the file
    assert region["snippet"] == {"text": "cures all"}


def test_region_across_lines_ends_after_its_last_character() -> None:
    region = region_of(finding("cures\nall ills", start=10, line=2, column=4))
    assert (region["endLine"], region["endColumn"]) == (3, 9)


def rule(**changes: Any) -> Rule:
    fields: dict[str, Any] = {"id": "CC999", "name": "test-rule", "kind": "unsupported",
                              "category": "claim", "severity": "info",
                              "message": "'{match}' is *bold*", "source_file": "t.yml",
                              "rationale": "Because. And more.", **changes}  # fmt: skip
    return Rule(**fields)


def test_rule_descriptor_has_docs_and_help_uri_from_a_reference() -> None:
    with_url = rule(references=("Plain book reference.", "NHS page https://www.nhs.uk/x_y)."))
    (descriptor,) = report(rules=(with_url,))["runs"][0]["tool"]["driver"]["rules"]
    assert descriptor["helpUri"] == "https://www.nhs.uk/x_y"
    assert descriptor["shortDescription"] == {"text": "Because."}
    assert descriptor["defaultConfiguration"] == {"level": "note"}
    assert "\\*bold\\*" in descriptor["help"]["markdown"]
    assert "*bold*" in descriptor["help"]["text"]
    (without,) = report(rules=(rule(references=("A book.",)),))["runs"][0]["tool"]["driver"][
        "rules"
    ]
    assert "helpUri" not in without


def test_data_uses_schema_names_and_drops_defaults_but_not_levels() -> None:
    assert sarif_data(Region(start_line=3, char_offset=0)) == {"startLine": 3, "charOffset": 0}
    assert sarif_data(ReportingConfiguration()) == {"level": "warning"}
    note = Notification(message=Message(text="t"), locations=[])
    assert sarif_data(note) == {"message": {"text": "t"}, "level": "warning", "locations": []}


def test_places(tmp_path: Path) -> None:
    places = Places(tmp_path / "root")
    assert places.location("d/a b.txt") == ArtifactLocation(uri="d/a%20b.txt",
                                                            uri_base_id="SRCROOT")  # fmt: skip
    assert places.location(str(tmp_path / "root" / "x.md")).uri_base_id == "SRCROOT"
    outside = places.location("../é.txt")
    assert outside.uri == (tmp_path / "é.txt").as_uri() and outside.uri_base_id is None
    assert places.location("https://a.example/p q?x=1").uri == "https://a.example/p%20q?x=1"
    assert places.location("<stdin>") == ArtifactLocation(uri="%3Cstdin%3E")
    assert places.base_ids()["SRCROOT"].uri == (tmp_path / "root").as_uri() + "/"
