"""Accuracy benchmark: claimcheck's output against labelled data it was not written from.

    python bench/accuracy.py [--errors N] [--run-extraction]

Sets (each skipped with a message when absent):
  - causal-language (Yu, Li & Wang 2019): 3,061 PubMed conclusion sentences labelled
    0 no relationship / 1 direct causal / 2 conditional (hedged) causal / 3 correlational.
    Each sentence is checked alone and mapped to a label by ``label_of`` in
    bench/causal_language.py, which also defines the fixed dev/test split (quote test).
  - the seed article (../shared/corpus/dry-needling) scored by ../shared/tools/seedcheck.py.
  - the project's own annotated examples: every rule's YAML ``examples`` (flag / pass).
  - article extraction: the latest bench/results/extraction-*.json (bench/extraction.py), or a
    fresh run with --run-extraction.
Prints tables and writes bench/results/accuracy-<time>.json.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import RESULTS, SEED_DIR, SEEDCHECK, write_results


def causal_language(n_errors: int) -> dict[str, object] | None:
    """Score the causal-language sentences by split (bench/causal_language.py: one mapping)."""
    import causal_language as cl

    data = cl.load()
    if not data:
        print("causal-language: data set absent, skipped")
        return None
    predicted = cl.predict([s for s, _ in data])
    rows = [(s, g, p, cl.split_of(s)) for (s, g), p in zip(data, predicted, strict=True)]
    results: dict[str, object] = {}
    for name in cl.SPLITS:
        scored = cl.score([(g, p) for _, g, p, sp in rows if name in ("full", sp)])
        cl.report(name, scored)
        results[name] = scored
    dev_errors = Counter((g, p) for _, g, p, sp in rows if sp == "dev" and g != p)
    print(
        "\ndev errors (gold->predicted): "
        + ", ".join(f"{g}->{p}: {n}" for (g, p), n in dev_errors.most_common(n_errors))
    )
    return {**results, "published": cl.BIOBERT, "quote": "test"}


def seed() -> dict[str, object] | None:
    """Run the shared seedcheck script against this checkout's claimcheck."""
    if not (SEEDCHECK.is_file() and (SEED_DIR / "expected.yml").is_file()):
        print(f"seed article: {SEED_DIR} or {SEEDCHECK} absent, skipped")
        return None
    cmd = str(Path(sys.executable).parent / "claimcheck")
    run = subprocess.run([sys.executable, str(SEEDCHECK), str(SEED_DIR), "--cmd", cmd],
                         capture_output=True, text=True, check=False)  # fmt: skip
    lines = run.stdout.strip().splitlines()
    print("\nseed article (seedcheck.py):")
    for line in lines:
        print(f"  {line}")
    m = re.search(r"seed: (\d+)/(\d+) must-items met, (\d+) false positives", run.stdout)
    if not m:
        return {"error": run.stdout[-500:] + run.stderr[-500:]}
    met, musts, fps = map(int, m.groups())
    return {"met": met, "musts": musts, "false_positives": fps, "lines": lines}


def examples() -> dict[str, object]:
    """Every rule's YAML examples: flag examples must trigger it, pass examples must not."""
    from claimcheck.api import CheckOptions, Linter
    from claimcheck.extract.markdown import parse_markdown
    from claimcheck.extract.text import parse_plain
    from claimcheck.nlp.cache import cached_pipeline

    try:
        from claimcheck.rules.crossdoc import EXAMPLE_SEPARATOR as separator
    except ImportError:
        separator = "\n---8<---\n"
    ruleset, nlp = cached_pipeline()
    rules = [r for r in ruleset.rules if r.status != "removed"]
    flag_hit = flag_n = pass_ok = pass_n = 0
    misses = []
    for rule in rules:
        for kind, texts in (("flag", rule.examples_flag), ("pass", rule.examples_pass)):
            for text in texts:
                # fresh run state per example; preview on, so preview rules are measured too
                linter = Linter(ruleset, CheckOptions(preview=True), nlp=nlp)
                docs = [
                    (parse_markdown if part.startswith("---\n") else parse_plain)(
                        f"<example {i}>", part
                    )
                    for i, part in enumerate(text.split(separator))
                ]
                hit = any(rule.id == f.rule for r in linter.check_many(docs) for f in r.findings)
                if kind == "flag":
                    flag_n, flag_hit = flag_n + 1, flag_hit + hit
                else:
                    pass_n, pass_ok = pass_n + 1, pass_ok + (not hit)
                if hit != (kind == "flag"):
                    misses.append(f"{rule.id} {kind}: {text[:80]}")
    print(f"\nrule examples: {len(rules)} rules; flag examples caught {flag_hit}/{flag_n}, "
          f"pass examples clean {pass_ok}/{pass_n}")  # fmt: skip
    for m in misses[:10]:
        print(f"  miss: {m}")
    return {"rules": len(rules), "flag": [flag_hit, flag_n], "pass": [pass_ok, pass_n],
            "misses": misses}  # fmt: skip


def extraction(run: bool) -> dict[str, object] | None:
    """The extraction benchmark's claimcheck row (latest results file, or a fresh run)."""
    if run:
        import extraction as bench_extraction

        bench_extraction.main([])
    files = sorted(RESULTS.glob("extraction-*.json"))
    if not files:
        print("\nextraction: no results yet (python bench/extraction.py), skipped")
        return None
    data = json.loads(Path(files[-1]).read_text(encoding="utf-8"))
    row = data["results"].get("claimcheck", {})
    summary = {k: row.get(k) for k in ("precision", "recall", "f1", "f1_std")}
    print(f"\nextraction ({Path(files[-1]).name}): claimcheck P {summary['precision']} "
          f"R {summary['recall']} F1 {summary['f1']} (published best 0.970)")  # fmt: skip
    return {"file": Path(files[-1]).name, **summary}


def main(argv: list[str] | None = None) -> int:
    """Run every accuracy measurement whose data is present."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--errors", type=int, default=8, help="example sentences per error type")
    ap.add_argument("--run-extraction", action="store_true", help="re-run bench/extraction.py")
    args = ap.parse_args(argv)
    payload = {
        "causal_language": causal_language(args.errors),
        "seed": seed(),
        "examples": examples(),
        "extraction": extraction(args.run_extraction),
    }
    print(f"\nresults: {write_results('accuracy', payload)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
