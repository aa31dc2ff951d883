"""Spun-text benchmark: recall of CC410 on tortured phrases, false positives on ordinary text.

Data (measuring only; nothing is copied into the project):
- the Problematic Paper Screener dictionary of tortured phrases (Cabanac, Labbé & Magazinov
  2021, arXiv:2107.06751), as ../shared/datasets/tortured-phrases/tortured-phrases.json
  or $CLAIMCHECK_TORTURED: {"phrases": [{"tortured": ..., "correct": ...}]};
- ordinary text: the dictionary's own *correct* phrases, and the article bodies of the
  article-extraction benchmark (news and blog pages), when present.

Medical subset: pairs whose correct phrase contains a health word (``HEALTH`` below) and no
computing word (``COMPUTING``: "neural network", "output layer" are not health terms).
Each tortured phrase is checked inside the neutral frame "In this cohort, X was recorded.";
a hit is a CC410 finding overlapping it, and "exact" means the suggested original equals
the dictionary's correct phrase (case-insensitive, British/American spelling folded).
With the dictionary absent the script prints a skip message and exits 0.

    python bench/spun_text.py [--data FILE] [--news FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path

from claimcheck.api import CheckOptions, FileResult, Linter
from claimcheck.extract.text import parse_plain
from claimcheck.findings import Finding

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import DATASETS

DEFAULT_DATA = DATASETS / "tortured-phrases" / "tortured-phrases.json"
DEFAULT_NEWS = DATASETS / "article-extraction-benchmark" / "ground-truth.json"
RESULTS = Path(__file__).resolve().parent / "results"
FRAME = "In this cohort, {} was recorded."
HEALTH = re.compile(
    r"\b(cancer|tumou?r|malignan|disease|disorder|syndrome|blood|heart|cardi|kidney|renal|"
    r"liver|hepat|lung|pulmonary|respirat|brain|neur|patient|clinic|medic|health|therap|"
    r"treatment|drug|pharma|pain|infect|viru|vaccin|immun|diabet|insulin|obes|surg|hospital|"
    r"nurs|physician|diagnos|symptom|pregnan|birth|breast|bone|muscle|skin|tissue|cell|gene|"
    r"protein|hormon|vitamin|diet|nutri|mental|depress|anxiety|stroke|artery|arteri|vein|"
    r"sleep|fatigue|inflamm|allerg|asthma|dementia|alzheimer|arthritis|placebo|trial|"
    r"mortality|morbidity|epidemi|pandemic|covid|coronavirus|antibiotic|antibod|dose|"
    r"bacteri|organ|wound|injur|fractur|spinal|stomach|bowel|intestin|gastr|oral|dental)"
)


COMPUTING = re.compile(
    r"\b(network|layer|algorithm|data|learning|comput|model|machine|classif|feature|"
    r"software|signal|image|pixel|vector|cluster|neural|output|input|regression)"
)


def fold(text: str) -> str:
    """Lower-case and fold common British/American spelling differences."""
    text = text.lower().replace("tumour", "tumor").replace("oedema", "edema")
    text = text.replace("anaem", "anem").replace("haem", "hem").replace("oes", "es")
    return re.sub(r"(?<=[a-z])is(e|ed|ing|ation)\b", r"iz\1", text).replace("isation", "ization")


def spun_findings(linter: Linter, texts: Iterable[str]) -> list[list[Finding]]:
    """CC410 findings for each text, checked as separate documents in one batch stream."""
    docs = (parse_plain(f"<{i}>", t) for i, t in enumerate(texts))
    results: Iterable[FileResult] = linter.check_many(docs)
    return [[f for f in r.findings if f.rule == "CC410"] for r in results]


def recall(linter: Linter, pairs: list[dict[str, str]]) -> dict[str, object]:
    """Hits and exact suggestions for tortured phrases in the neutral frame."""
    texts = [FRAME.format(p["tortured"]) for p in pairs]
    found = spun_findings(linter, texts)
    start = FRAME.index("{}")
    hits = exact = 0
    missed: list[str] = []
    for pair, findings in zip(pairs, found, strict=True):
        end = start + len(pair["tortured"])
        over = [f for f in findings if f.start < end and start < f.end]
        if not over:
            missed.append(pair["tortured"])
            continue
        hits += 1
        exact += any(fold(pair["correct"]) in fold(f.suggestion or "") for f in over)
    n = len(pairs) or 1
    return {"pairs": len(pairs), "hits": hits, "recall": round(hits / n, 4),
            "exact_suggestion": round(exact / n, 4), "missed_sample": missed[:40]}  # fmt: skip


def false_positives(linter: Linter, texts: list[str]) -> dict[str, object]:
    """CC410 findings on ordinary texts: count, rate per 1,000 words, and what matched."""
    found = spun_findings(linter, texts)
    words = sum(len(t.split()) for t in texts)
    matches = sorted({f.text.lower() for fs in found for f in fs})
    flagged = sum(1 for fs in found if fs)
    return {"texts": len(texts), "words": words, "texts_flagged": flagged,
            "findings": sum(len(fs) for fs in found),
            "per_1000_words": round(1000 * sum(len(fs) for fs in found) / max(words, 1), 4),
            "matches": matches[:60]}  # fmt: skip


def main() -> int:
    """Run the benchmark and write bench/results/spun_text.json."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path(os.environ.get("CLAIMCHECK_TORTURED",
                                                                     DEFAULT_DATA)))  # fmt: skip
    ap.add_argument("--news", type=Path, default=DEFAULT_NEWS)
    args = ap.parse_args()
    if not args.data.is_file():
        print(f"spun_text: skipped, dictionary not found at {args.data}")
        return 0
    pairs = json.loads(args.data.read_text(encoding="utf-8"))["phrases"]
    medical = [
        p for p in pairs
        if HEALTH.search(p["correct"].lower()) and not COMPUTING.search(p["correct"].lower())
    ]  # fmt: skip
    linter = Linter(options=CheckOptions(select=("CC410",)))
    t0 = time.perf_counter()
    report: dict[str, object] = {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "dictionary": str(args.data),
        "medical": recall(linter, medical),
        "all": recall(linter, pairs),
        "fp_correct_phrases": false_positives(linter, [FRAME.format(p["correct"]) for p in pairs]),
    }
    if args.news.is_file():
        bodies = [v["articleBody"] for v in json.loads(args.news.read_text("utf-8")).values()]
        report["fp_news_articles"] = false_positives(linter, bodies)
    report["seconds"] = round(time.perf_counter() - t0, 1)
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / "spun_text.json"
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    for key in ("medical", "all"):
        r = report[key]
        assert isinstance(r, dict)
        print(f"{key}: recall {r['recall']:.1%} of {r['pairs']} pairs, "
              f"exact suggestion {r['exact_suggestion']:.1%}")  # fmt: skip
    for key in ("fp_correct_phrases", "fp_news_articles"):
        r = report.get(key)
        if isinstance(r, dict):
            print(f"{key}: {r['findings']} findings in {r['texts']} texts "
                  f"({r['per_1000_words']} per 1,000 words) {r['matches'][:10]}")  # fmt: skip
    print(f"results: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
