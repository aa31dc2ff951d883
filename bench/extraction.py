"""Main-content extraction benchmark: token precision/recall/F1 against articleBody.

Data: the Zyte article-extraction-benchmark (181 pages, html/<id>.html.gz + ground-truth.json),
found at --data or article-extraction-benchmark under the shared datasets folder
(``../shared/datasets`` or $CLAIMCHECK_DATASETS, as every bench script). When it
is absent the benchmark prints a skip message and exits 0. Results go to bench/results/.

Metric (re-implemented here): text is NFKC-normalised, lower-cased and split into ``\\w+``
tokens; true positives are the multiset intersection of predicted and expected tokens.
Precision and recall are averaged over pages and F1 is their harmonic mean (as the benchmark's
README reports it); the mean of per-page F1 is given too. An empty extraction scores P = R = 0.

    python bench/extraction.py [--data DIR] [--engines a,b] [--grid]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import random
import re
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import DATASETS, RESULTS

DEFAULT_DATA = DATASETS / "article-extraction-benchmark"
_TOKEN = re.compile(r"\w+")

Extractor = Callable[[str, str], str]


def tokens(text: str) -> Counter[str]:
    """Bag of lower-cased word tokens."""
    return Counter(_TOKEN.findall(unicodedata.normalize("NFKC", text).lower()))


def score(predicted: str, expected: str) -> tuple[float, float, float]:
    """Token precision, recall and F1 of one page."""
    pred, true = tokens(predicted), tokens(expected)
    tp = sum((pred & true).values())
    n_pred, n_true = sum(pred.values()), sum(true.values())
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_true if n_true else (1.0 if not n_pred else 0.0)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def bs4_baseline(html: str, url: str) -> str:
    """Whole-page bs4 extractor: drop chrome tags, keep text of block elements."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "lxml")
    for tag in soup(["script", "style", "noscript", "nav", "footer", "aside", "header", "form",
                     "template", "svg", "iframe"]):
        tag.decompose()
    body = soup.body or soup
    blocks = body.find_all(["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "pre"])
    texts = [b.get_text(" ", strip=True) for b in blocks
             if not b.find_parent(["p", "li", "blockquote", "pre"])]
    return "\n\n".join(t for t in texts if t)


def trafilatura_plain(html: str, url: str) -> str:
    """trafilatura.extract with its default settings (the published configuration)."""
    import trafilatura  # type: ignore[import-untyped]

    return trafilatura.extract(html, url=url) or ""


def claimcheck_engine(**changes: bool) -> Extractor:
    """claimcheck.extract.article with the default settings, optionally changed."""
    from claimcheck.errors import ExtractError
    from claimcheck.extract.article import DEFAULT_SETTINGS, extract_article

    settings = replace(DEFAULT_SETTINGS, **changes)

    def run(html: str, url: str) -> str:
        try:
            return extract_article(url, html, url, settings=settings).text
        except ExtractError:
            return ""

    return run


def engines(grid: bool) -> dict[str, Extractor]:
    """The engines to compare; ``grid`` adds claimcheck setting variants."""
    found: dict[str, Extractor] = {
        "bs4-baseline": bs4_baseline,
        "trafilatura-default": trafilatura_plain,
        "claimcheck": claimcheck_engine(),
    }
    if grid:
        found["claimcheck[balanced]"] = claimcheck_engine(favor_recall=False)
        found["claimcheck[precision]"] = claimcheck_engine(favor_recall=False,
                                                           favor_precision=True)
        found["claimcheck[no_fallback]"] = claimcheck_engine(no_fallback=True)
        found["claimcheck[no_tables]"] = claimcheck_engine(include_tables=False)
    return found


def bootstrap_f1(ps: list[float], rs: list[float], rounds: int = 1000) -> float:
    """Standard deviation of the F1 (of mean P and R) over bootstrap resamples of pages."""
    rng, n, values = random.Random(0), len(ps), []
    for _ in range(rounds):
        idx = [rng.randrange(n) for _ in range(n)]
        p, r = sum(ps[i] for i in idx) / n, sum(rs[i] for i in idx) / n
        values.append(2 * p * r / (p + r) if p + r else 0.0)
    mean = sum(values) / rounds
    return float((sum((v - mean) ** 2 for v in values) / rounds) ** 0.5)


def run_engine(fn: Extractor, pages: dict[str, tuple[str, str, str]]) -> dict[str, object]:
    """Score one engine over all pages."""
    per_page, t0 = {}, time.perf_counter()
    for page_id, (html, url, expected) in pages.items():
        per_page[page_id] = score(fn(html, url), expected)
    seconds = time.perf_counter() - t0
    ps = [v[0] for v in per_page.values()]
    rs = [v[1] for v in per_page.values()]
    p, r = sum(ps) / len(ps), sum(rs) / len(rs)
    return {
        "precision": round(p, 4), "recall": round(r, 4),
        "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
        "f1_std": round(bootstrap_f1(ps, rs), 4),
        "mean_page_f1": round(sum(v[2] for v in per_page.values()) / len(ps), 4),
        "seconds": round(seconds, 1),
        "pages": {k: [round(x, 4) for x in v] for k, v in per_page.items()},
    }


def load_pages(data: Path) -> dict[str, tuple[str, str, str]]:
    """page id -> (html, url, expected article body)."""
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    pages = {}
    for page_id, item in sorted(truth.items()):
        raw = gzip.decompress((data / "html" / f"{page_id}.html.gz").read_bytes())
        pages[page_id] = (raw.decode("utf-8", errors="replace"), item["url"], item["articleBody"])
    return pages


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and write bench/results/extraction-<timestamp>.json."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path,
                        default=DEFAULT_DATA)
    parser.add_argument("--engines", help="comma-separated engine names (default: all)")
    parser.add_argument("--grid", action="store_true", help="add claimcheck setting variants")
    args = parser.parse_args(argv)
    if not (args.data / "ground-truth.json").is_file():
        print(f"skip: benchmark data not found at {args.data} (set CLAIMCHECK_DATASETS or --data)")
        return 0
    pages = load_pages(args.data)
    chosen = engines(args.grid)
    if args.engines:
        chosen = {k: v for k, v in chosen.items() if k in args.engines.split(",")}
    results = {name: run_engine(fn, pages) for name, fn in chosen.items()}
    print(f"{'engine':26} {'P':>6} {'R':>6} {'F1':>6} {'±':>6} {'pageF1':>7} {'sec':>6}")
    for name, res in results.items():
        print(f"{name:26} {res['precision']:6.3f} {res['recall']:6.3f} {res['f1']:6.3f} "
              f"{res['f1_std']:6.3f} {res['mean_page_f1']:7.3f} {res['seconds']:6.1f}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    out = RESULTS / f"extraction-{stamp}.json"
    meta = {"date": stamp, "pages": len(pages), "machine": platform.platform(),
            "cpus": os.cpu_count(), "python": platform.python_version()}
    out.write_text(json.dumps({"meta": meta, "results": results}, indent=1), encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
