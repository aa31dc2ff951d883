"""The HTML report in a real browser (headless Chromium through Selenium and chromedriver):
each highlight's rendered text is the text at the offsets the JSON output gives, and every
highlight is drawn (a non-zero box) in its own colour.

Skipped where Chromium, chromedriver or the selenium package is missing (Debian:
``apt-get install chromium chromium-driver``; ``pip install selenium``). Nothing is downloaded:
Selenium is given both programs and told to stay offline.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from claimcheck.cli import cli

EXAMPLE = Path(__file__).parent.parent / "examples" / "cupping-therapy.txt"
MARKDOWN = (
    "# Turmeric for joints\n\n"
    "Turmeric **cures arthritis** for good. A small trial suggests that curcumin may ease "
    "knee pain for some people ([Panahi et al., 2014](https://example.org/trial)).\n\n"
    "- Subscribe now and get 20% off your first order!\n"
)
COLLECT = """
const out = {};
for (const section of document.querySelectorAll('section')) {
  const marks = {};
  for (const el of section.querySelectorAll('[data-mark]')) {
    const box = el.getBoundingClientRect();
    const m = marks[el.dataset.mark] ||= {text: '', drawn: true, kind: el.classList[1],
                                          start: +el.dataset.start, end: +el.dataset.end};
    m.text += el.textContent;
    if (!(box.width > 0 && box.height > 0)) m.drawn = false;
  }
  out[section.id] = marks;
}
const colours = {};
for (const el of document.querySelectorAll('.legend span'))
  colours[el.className] = getComputedStyle(el).backgroundColor;
return {marks: out, colours: colours};
"""


def _program(*names: str) -> str:
    """The first of ``names`` on PATH, or skip."""
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    pytest.skip(f"{' or '.join(names)} is not installed (Debian: chromium chromium-driver)")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """A headless Chromium driven through the system's chromedriver."""
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
    chromium = _program("chromium", "chromium-browser", "google-chrome")
    chromedriver = _program("chromedriver")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SE_OFFLINE", "true")  # Selenium Manager must not fetch a browser or driver
        options = webdriver.ChromeOptions()
        options.binary_location = chromium
        for arg in ("--headless=new", "--no-sandbox", "--disable-gpu",
                    "--disable-dev-shm-usage", "--window-size=1200,1400"):  # fmt: skip
            options.add_argument(arg)
        try:
            driver = webdriver.Chrome(options=options,
                                      service=webdriver.ChromeService(chromedriver))  # fmt: skip
        except Exception as exc:  # e.g. a chromedriver that does not match the browser
            pytest.skip(f"headless Chromium did not start: {type(exc).__name__}: {exc}")
    try:
        yield driver
    finally:
        driver.quit()


def _cli(*args: str) -> str:
    """The CLI's stdout (the run must not fail)."""
    result = CliRunner().invoke(cli, ["--no-config", "check", "--fail-on", "never", *args])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_rendered_highlights_match_the_json_offsets(browser: Any, tmp_path: Path) -> None:
    article = tmp_path / "cupping.txt"
    shutil.copyfile(EXAMPLE, article)
    notes = tmp_path / "turmeric.md"
    notes.write_text(MARKDOWN, encoding="utf-8")
    files = [str(article), str(notes)]
    documents = json.loads(_cli("--format", "json", *files))["documents"]
    report = tmp_path / "report.html"
    _cli("--format", "html", "-o", str(report), *files)
    browser.get(report.as_uri())
    seen = browser.execute_script(COLLECT)
    source = article.read_text(encoding="utf-8")  # a .txt file is its own checked text
    for number, doc in enumerate(documents, 1):
        marks = seen["marks"][f"d{number}"]
        assert marks and all(m["drawn"] for m in marks.values()), doc["source"]
        for n, f in enumerate(doc["findings"], 1):
            if f["end"] > f["start"]:
                mark = marks[f"f{n}"]
                assert (mark["start"], mark["end"], mark["text"]) == (
                    f["start"], f["end"], f["text"])  # fmt: skip
        for i, c in enumerate(doc["claims"], 1):
            assert marks[f"c{i}"]["text"] == c["text"]
            if number == 1:
                trigger = c["trigger"]
                assert marks[f"t{i}"]["text"] == source[trigger["start"] : trigger["end"]]
            for m in c["caveats"]:
                assert marks[f"caveat-{m['start']}-{m['end']}"]["text"] == m["text"]
            for m in c["sources"]:
                assert marks[f"source-{m['start']}-{m['end']}"]["text"] == m["text"]
    kinds = {m["kind"] for doc in seen["marks"].values() for m in doc.values()}
    assert {"hl-claim", "hl-trigger", "hl-caveat", "hl-source", "hl-boilerplate"} <= kinds
    backgrounds = [seen["colours"][f"hl-{k}"] for k in
                   ("claim", "trigger", "caveat", "source", "boilerplate")]  # fmt: skip
    assert len(set(backgrounds)) == 5 and "rgba(0, 0, 0, 0)" not in backgrounds
