"""Golden JSON for the shipped example article: any change in output is a reviewed change.

Regenerate after an intended change with ``CLAIMCHECK_UPDATE_GOLDEN=1 pytest tests/test_golden.py``
and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from claimcheck.api import Linter
from claimcheck.inputs import load_file
from claimcheck.reporters.json import document_json

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "examples" / "cupping-therapy.txt"
GOLDEN = Path(__file__).parent / "golden" / "cupping-therapy.json"


def test_example_article_matches_golden_json(linter: Linter) -> None:
    result = linter.check_document(load_file(ARTICLE))
    got = document_json(result)
    got["source"] = "examples/cupping-therapy.txt"
    text = json.dumps(got, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    if os.environ.get("CLAIMCHECK_UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")
