"""Accuracy benchmark: claimcheck's output against labelled data it was not written from.

    python bench/accuracy.py [--errors N] [--run-extraction]

Sets (each skipped with a message when absent):
  - causal-language (Yu, Li & Wang 2019): 3,061 PubMed conclusion sentences labelled
    0 no relationship / 1 direct causal / 2 conditional (hedged) causal / 3 correlational.
    Each sentence is checked alone and mapped to a label by ``label_of`` (below, and README).
  - the seed article (/work/shared/corpus/dry-needling) scored by /work/shared/tools/seedcheck.py.
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
from common import RESULTS, SEED_DIR, SEEDCHECK, causal_sentences, write_results

LABELS = ("0 none", "1 causal", "2 conditional", "3 correlational")
# Published anchor (repo README of Yu et al. 2019): BioBERT, 5-fold CV.
BIOBERT = {"f1": (0.909, 0.873, 0.834, 0.915), "macro_f1": 0.883, "accuracy": 0.900}
# An association cue among a claim's linked caveats makes it correlational (label 3).
ASSOCIATION = re.compile(r"associat|correlat|\blink|relationship|related to", re.IGNORECASE)


def label_of(claims: tuple[object, ...]) -> int:
    """Map claimcheck's claims for one sentence to a causal-language label.

    no claim, or only negated claims                       -> 0 no relationship
    a claim of kind "association", or with an association
      cue among its linked caveats (hedged or not)         -> 3 correlational
    a claim graded "hedged"                                -> 2 conditional causal
    a claim graded "strong" or "absolute"                  -> 1 direct causal
    """
    live = [c for c in claims if not c.negated]  # type: ignore[attr-defined]
    if not live:
        return 0
    if any("association" in c.kinds for c in live):  # type: ignore[attr-defined]
        return 3
    if any(ASSOCIATION.search(m.text) for c in live for m in c.caveats):  # type: ignore[attr-defined]
        return 3
    if any(c.strength == "hedged" for c in live):  # type: ignore[attr-defined]
        return 2
    return 1


def prf(confusion: list[list[int]]) -> tuple[list[tuple[float, float, float]], float, float]:
    """Per-label (P, R, F1), macro-F1 and accuracy from a confusion matrix [gold][pred]."""
    n = len(confusion)
    rows = []
    for k in range(n):
        tp = confusion[k][k]
        pred = sum(confusion[g][k] for g in range(n))
        gold = sum(confusion[k])
        p = tp / pred if pred else 0.0
        r = tp / gold if gold else 0.0
        rows.append((p, r, 2 * p * r / (p + r) if p + r else 0.0))
    total = sum(map(sum, confusion))
    acc = sum(confusion[k][k] for k in range(n)) / total if total else 0.0
    return rows, sum(f for _, _, f in rows) / n, acc


def causal_language(n_errors: int) -> dict[str, object] | None:
    """Score the causal-language sentences; print the tables and some errors."""
    data = causal_sentences()
    if not data:
        print("causal-language: data set absent, skipped")
        return None
    from claimcheck.api import Linter
    from claimcheck.extract.text import parse_plain
    from claimcheck.nlp.cache import cached_pipeline

    ruleset, nlp = cached_pipeline()
    linter = Linter(ruleset, nlp=nlp)
    docs = (parse_plain(f"s{i}", s) for i, (s, _) in enumerate(data))
    predicted = [label_of(r.claims) for r in linter.check_many(docs)]
    confusion = [[0] * 4 for _ in range(4)]
    errors: Counter[tuple[int, int]] = Counter()
    examples: dict[str, list[str]] = {}
    for (sentence, gold), pred in zip(data, predicted, strict=True):
        confusion[gold][pred] += 1
        if gold != pred:
            errors[(gold, pred)] += 1
            examples.setdefault(f"{gold}->{pred}", []).append(sentence)
    rows, macro, acc = prf(confusion)
    print(f"\ncausal-language: {len(data)} sentences, accuracy {acc:.3f}, macro-F1 {macro:.3f} "
          f"(BioBERT {BIOBERT['macro_f1']}, target >= 0.75)")  # fmt: skip
    print("\n| label | P | R | F1 | BioBERT F1 | gold | predicted |\n|---|---|---|---|---|---|---|")
    for k, (p, r, f) in enumerate(rows):
        print(f"| {LABELS[k]} | {p:.3f} | {r:.3f} | {f:.3f} | {BIOBERT['f1'][k]:.3f} | "
              f"{sum(confusion[k])} | {sum(confusion[g][k] for g in range(4))} |")  # fmt: skip
    print("\nconfusion (rows gold, columns predicted):\n\n| gold \\ pred | "
          + " | ".join(LABELS) + " |\n|---|---|---|---|---|")  # fmt: skip
    for k in range(4):
        print(f"| {LABELS[k]} | " + " | ".join(str(v) for v in confusion[k]) + " |")
    print("\ncommonest errors (gold->predicted):")
    for (g, p), count in errors.most_common(6):
        print(f"  {g}->{p}: {count}")
        for s in examples[f"{g}->{p}"][:n_errors]:
            print(f"      {s}")
    return {
        "sentences": len(data), "accuracy": acc, "macro_f1": macro, "confusion": confusion,
        "per_label": {LABELS[k]: dict(zip("prf", rows[k], strict=True)) for k in range(4)},
        "published": BIOBERT, "errors": {k: v[:20] for k, v in examples.items()},
    }  # fmt: skip


def seed() -> dict[str, object] | None:
    """Run the shared seedcheck script against this checkout's claimcheck."""
    if not (SEEDCHECK.is_file() and (SEED_DIR / "expected.yml").is_file()):
        print("seed article: /work/shared corpus or seedcheck.py absent, skipped")
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
                docs = [(parse_markdown if part.startswith("---\n") else parse_plain)(
                    f"<example {i}>", part) for i, part in enumerate(text.split(separator))]
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
