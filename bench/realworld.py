"""Real-world accuracy: claimcheck on the project's annotated corpus of realistic web pages.

    python bench/realworld.py                 # dev and test splits of bench/corpus
    python bench/realworld.py --fp 25         # more of the worst false positives (dev only)
    python bench/realworld.py --confirm       # also the confirmation set (bench/corpus-confirm)

The measures are those of ../shared/tools/annotscore.py (definitions in ../shared/ANNOTATION.md),
computed the same way on the JSON objects claimcheck writes (tests/bench/test_realworld.py checks
that both give the same figures): claim recall, flag recall and precision, false warnings per
1,000 words on careful and neutral pages, the promotional-vs-careful ranking (risk_auc), and
boilerplate recall and precision. Also per-kind recall, score ties at the maximum, the worst false
positives of the dev split (tune on dev, report test), and a naive baseline: any sentence holding
an effect word and a vocabulary term is a claim.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import annotations as ann

ROOT = Path(__file__).resolve().parents[1]
CONFIRM = ROOT / "bench" / "corpus-confirm"
TARGETS = {
    "claim_recall": (">=", 0.90), "flag_recall": (">=", 0.90), "flag_precision": (">=", 0.85),
    "fp_per_kword_clean": ("<=", 0.5), "risk_auc": (">=", 0.95),
    "boiler_recall": (">=", 0.85), "boiler_precision": (">=", 0.90),
}  # fmt: skip
CLAIM_CATEGORIES = ("claim", "caveat", "source")


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Character spans share at least one character (annotscore's test)."""
    return a[0] < b[1] and b[0] < a[1]


def run_checker(paths: Sequence[Path]) -> dict[str, dict[str, Any]]:
    """claimcheck's JSON document objects for the files, keyed by path, as the CLI writes them."""
    from claimcheck.api import CheckOptions, Linter
    from claimcheck.inputs import LoadOptions, iter_inputs
    from claimcheck.reporters.json import document_json

    linter = Linter(options=CheckOptions())
    inputs = iter_inputs([str(p) for p in paths], LoadOptions())
    return {r.origin: document_json(r) for r in linter.check_many(inputs)}


def measure(records: Iterable[dict[str, Any]], docs: dict[str, dict[str, Any]],
            texts: dict[str, str]) -> dict[str, Any]:  # fmt: skip
    """annotscore's measures, plus per-kind recall and the false positives, for some records."""
    n: Counter[str] = Counter()
    kinds: dict[str, Counter[str]] = {"claim": Counter(), "claim_hit": Counter(),
                                      "boil": Counter(), "boil_hit": Counter()}  # fmt: skip
    scores: dict[str, list[float]] = {"promo-health": [], "careful-health": []}
    false_pos: list[tuple[str, str, str, str]] = []
    all_scores = []
    for r in records:
        doc = docs.get(r["path_key"], {})
        text = texts[r["id"]]
        claims = [(c["start"], c["end"]) for c in doc.get("claims", [])]
        fs = doc.get("findings", [])
        flags = [(f, (f["start"], f["end"])) for f in fs if f.get("category") in CLAIM_CATEGORIES]
        bfs = [(f["start"], f["end"]) for f in fs if f.get("category") == "boilerplate"]
        gold = [(c["start"], c["end"]) for c in r.get("claims", [])]
        for c, g in zip(r.get("claims", []), gold, strict=True):
            hit = any(overlaps(g, x) for x in claims)
            n["claims"] += 1
            n["claims_hit"] += hit
            kinds["claim"][c["kind"]] += 1
            kinds["claim_hit"][c["kind"]] += hit
            if not (c["has_caveat"] or c["has_source"] or c["attributed"]):
                n["unsup"] += 1
                n["unsup_hit"] += any(overlaps(g, x) for _, x in flags)
        for f, span in flags:
            good = any(overlaps(span, g) for g in gold)
            n["flags"] += 1
            n["flags_good"] += good
            if not good:
                false_pos.append(
                    (r["id"], f["rule"], f.get("severity", ""), text[span[0] : span[1]])
                )
        gb = [(b["start"], b["end"]) for b in r.get("boilerplate", [])]
        for b, g in zip(r.get("boilerplate", []), gb, strict=True):
            if b["kind"] != "other":
                hit = any(overlaps(g, x) for x in bfs)
                n["boil"] += 1
                n["boil_hit"] += hit
                kinds["boil"][b["kind"]] += 1
                kinds["boil_hit"][b["kind"]] += hit
        for f in bfs:
            n["bfind"] += 1
            n["bfind_good"] += any(overlaps(f, g) for g in gb)
        if r["category"] in ("careful-health", "neutral"):
            n["clean_words"] += len(text.split())
            n["clean_fp"] += sum(1 for f, span in flags if f.get("severity") in ("warning", "error")
                                 and not any(overlaps(span, g) for g in gold))  # fmt: skip
        if r["category"] in scores:
            scores[r["category"]].append(doc.get("score", 0))
        all_scores.append(doc.get("score", 0))
    pos, neg = scores["promo-health"], scores["careful-health"]
    top = max(all_scores, default=0)
    return {
        "documents": len(all_scores),
        "claim_recall": _q(n["claims_hit"], n["claims"]),
        "flag_recall": _q(n["unsup_hit"], n["unsup"]),
        "flag_precision": _q(n["flags_good"], n["flags"]),
        "fp_per_kword_clean": 1000 * _q(n["clean_fp"], n["clean_words"]),
        "risk_auc": _q(
            sum((p > x) + 0.5 * (p == x) for p in pos for x in neg), len(pos) * len(neg)
        ),
        "boiler_recall": _q(n["boil_hit"], n["boil"]),
        "boiler_precision": _q(n["bfind_good"], n["bfind"]),
        "counts": dict(n),
        "claim_kinds": {k: (kinds["claim_hit"][k], v) for k, v in sorted(kinds["claim"].items())},
        "boiler_kinds": {k: (kinds["boil_hit"][k], v) for k, v in sorted(kinds["boil"].items())},
        "ties_at_max": sum(1 for s in all_scores if s == top) if all_scores else 0,
        "max_score": top,
        "false_positives": false_pos,
    }


def _q(x: float, y: float) -> float:
    """x / y, or 0 when y is 0."""
    return x / y if y else 0.0


# The naive baseline of the real-pages issue: any sentence with one of these effect words and a
# term of the generated vocabularies is a claim.
BASELINE_WORDS = frozenset((
    "relieve", "relieves", "relief", "ease", "eases", "reduce", "reduces", "reduced", "lower",
    "lowers", "improve", "improves", "improved", "improvement", "boost", "boosts", "boosting",
    "enhance", "enhances", "support", "supports", "supporting", "promote", "promotes", "heal",
    "heals", "healing", "cure", "cures", "cured", "treat", "treats", "treatment", "fight",
    "fights", "fighting", "prevent", "prevents", "protect", "protects", "protection", "help",
    "helps", "helping", "strengthen", "strengthens", "restore", "restores", "detox",
    "detoxify", "cleanse", "cleanses", "stimulate", "stimulates", "balance", "balances",
    "regulate", "regulates", "increase", "increases", "eliminate", "eliminates", "remove",
    "removes", "soothe", "soothes", "calm", "calms", "clear", "clears", "beat", "beats",
    "effective", "benefit", "benefits", "beneficial", "powerful", "natural", "safe",
    "healthy", "better", "best", "proven", "works"
))  # fmt: skip


def baseline(records: Iterable[dict[str, Any]], texts: dict[str, str]) -> dict[str, float]:
    """Claim recall and sentence precision of the naive baseline."""
    vocab = _vocab_terms()
    words = BASELINE_WORDS
    hit = total = predicted = good = 0
    for r in records:
        text = texts[r["id"]]
        gold = [(c["start"], c["end"]) for c in r.get("claims", [])]
        spans = []
        for m in re.finditer(r"[^.!?\n]+[.!?]?", text):
            tokens = re.findall(r"[a-z][a-z'-]*", m.group().lower())
            joined = f" {' '.join(tokens)} "
            if words.intersection(tokens) and any(f" {t} " in joined for t in _ngrams(tokens)
                                                  if t in vocab):  # fmt: skip
                spans.append((m.start(), m.end()))
        predicted += len(spans)
        good += sum(1 for s in spans if any(overlaps(s, g) for g in gold))
        total += len(gold)
        hit += sum(1 for g in gold if any(overlaps(g, s) for s in spans))
    return {"claim_recall": _q(hit, total), "sentence_precision": _q(good, predicted)}


def _ngrams(tokens: list[str]) -> Iterable[str]:
    """Every 1- to 4-word sequence of ``tokens``."""
    for n in range(1, 5):
        for i in range(len(tokens) - n + 1):
            yield " ".join(tokens[i : i + n])


BASELINE_LISTS = ("vocab/conditions", "vocab/body", "vocab/functions", "lists/conditions",
                  "lists/outcomes", "lists/body", "lists/weak_conditions", "lists/weak_outcomes",
                  "lists/weak_body")  # fmt: skip


def _vocab_terms() -> set[str]:
    """Condition, symptom, body and function terms (generated and hand-written lists), each
    also with a plural 's'."""
    out: set[str] = set()
    for name in BASELINE_LISTS:
        path = ROOT / "lexicons" / f"{name}.txt"
        if path.is_file():
            for line in path.read_text(encoding="utf-8").splitlines():
                term = line.split("#", 1)[0].strip()
                if term:
                    out.update((term, term + "s"))
    return out


def load_split(corpus: Path) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The records of a corpus folder with their texts; each gets ``path_key`` (checked path)."""
    records = ann.load(corpus / "annotations.jsonl")
    texts = {}
    for r in records:
        path = corpus / r["path"]
        r["path_key"] = str(path)
        texts[r["id"]] = path.read_text(encoding="utf-8")
    return records, texts


def fmt_row(name: str, m: dict[str, Any]) -> str:
    """One line of the summary table, a target miss marked with '*'."""
    cells = []
    for key, (op, bar) in TARGETS.items():
        v = m[key]
        ok = v >= bar if op == ">=" else v <= bar
        cells.append(f"{v:6.3f}{' ' if ok else '*'}")
    return f"{name:8s} {m['documents']:4d} " + " ".join(f"{c:>8s}" for c in cells)


def report(name: str, m: dict[str, Any], n_fp: int) -> None:
    """Details of one split: per-kind recall, score ties, the worst false positives."""
    print(f"\n== {name}: {m['documents']} documents")
    print("claim recall by kind: " + ", ".join(
        f"{k} {h}/{t}" for k, (h, t) in m["claim_kinds"].items()))  # fmt: skip
    print("boilerplate recall by kind: " + ", ".join(
        f"{k} {h}/{t}" for k, (h, t) in m["boiler_kinds"].items()))  # fmt: skip
    print(f"documents tied at the highest score ({m['max_score']}): {m['ties_at_max']}")
    if n_fp:
        rules = Counter(r for _, r, _, _ in m["false_positives"])
        print("false positives by rule: " + ", ".join(f"{r} {k}" for r, k in rules.most_common()))
        for doc_id, rule, sev, text in m["false_positives"][:n_fp]:
            print(f"  FP {rule} [{sev}] {doc_id}: {' '.join(text.split())[:90]}")


def main() -> int:
    """Score the splits and print the summary table last (the hook shows the last lines)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--fp", type=int, default=12, help="worst false positives to list (dev)")
    ap.add_argument("--confirm", action="store_true", help="also score bench/corpus-confirm")
    a = ap.parse_args()
    t0 = time.perf_counter()
    records, texts = load_split(ann.CORPUS)
    sets = {"dev": [r for r in records if r["split"] == "dev"],
            "test": [r for r in records if r["split"] == "test"]}  # fmt: skip
    if a.confirm and (CONFIRM / "annotations.jsonl").is_file():
        c_records, c_texts = load_split(CONFIRM)
        texts.update(c_texts)
        sets["confirm"] = c_records
    paths = [Path(r["path_key"]) for rs in sets.values() for r in rs]
    docs = run_checker(paths)
    results = {name: measure(rs, docs, texts) for name, rs in sets.items()}
    for name, m in results.items():
        report(name, m, a.fp if name == "dev" else 0)
    print("\nnaive baseline (effect word + vocabulary term in a sentence):")
    for name, rs in sets.items():
        b = baseline(rs, texts)
        print(f"  {name}: claim recall {b['claim_recall']:.3f}, "
              f"sentence precision {b['sentence_precision']:.3f}")  # fmt: skip
    print(f"\nreal-world corpus, {time.perf_counter() - t0:.1f} s ('*' = target not met)")
    print(f"{'split':8s} docs " + " ".join(f"{k[:8]:>8s}" for k in TARGETS))
    print(f"{'target':13s}" + " ".join(f"{op}{bar:<6}".rjust(8) for op, bar in TARGETS.values()))
    for name, m in results.items():
        print(fmt_row(name, m))
    return 0


if __name__ == "__main__":
    sys.exit(main())
