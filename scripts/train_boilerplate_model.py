"""Train the boilerplate sentence model (src/claimcheck/nlp/boilerplate_model.py) on dev.

    python scripts/train_boilerplate_model.py          # write lexicons/model/boilerplate-*.json
    python scripts/train_boilerplate_model.py --check  # exit 1 when the file is not current

Each sentence of a dev document of bench/corpus (written and annotated by the project,
../shared/ANNOTATION.md) is one example, positive when it overlaps an annotated boilerplate
span of any kind. The model is an L2-regularised logistic regression fitted by Newton's
method (deterministic, so --check can tell whether the file is current).

The threshold is chosen on dev only, by 5-fold cross-validation over documents: the lowest
threshold at which the sentences the model adds (those no rule reported) are at least 90%
precise on their own, the precision the project asks of boilerplate findings. The test
split is never read here. Run it after changing the boilerplate rules, then measure with
bench/realworld.py.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
import annotations as ann  # noqa: E402  # bench/annotations.py: the corpus and its split
import logistic  # noqa: E402  # scripts/logistic.py (this script's folder is on sys.path)

from claimcheck.api import CheckOptions, Linter  # noqa: E402
from claimcheck.inputs import load_file  # noqa: E402
from claimcheck.lexicon.loader import default_lexicon_dir  # noqa: E402
from claimcheck.nlp.boilerplate_model import MODEL_FILE, BoilerplateModel, Page  # noqa: E402
from claimcheck.nlp.components import sentence_table  # noqa: E402
from claimcheck.rules import KIND_SPECS  # noqa: E402
from claimcheck.rules.base import CheckContext  # noqa: E402

OUT = default_lexicon_dir() / MODEL_FILE
RULE = "CC409"  # the rule that reports the model's sentences (lexicons/boilerplate.yml)
MIN_COUNT = 6  # a feature seen in fewer dev sentences gets no weight
L2 = 3.0
FOLDS = 5
ADDED_PRECISION = 0.90  # the precision target, met by the model's own findings
THRESHOLDS = (0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.925, 0.95, 0.97, 0.98, 0.99)
ABOUT = ("Boilerplate sentence model of claimcheck: logistic regression weights over the "
         "surface, position and words of a sentence, trained by "
         "scripts/train_boilerplate_model.py on the dev split of bench/corpus (written and "
         "annotated by the project). Regenerate after boilerplate rule changes.")

Span = tuple[int, int]


@dataclass(frozen=True)
class Example:
    """One dev document: its sentences' features, bounds and labels, the rules' boilerplate
    findings, and the annotated boilerplate spans (start, end, kind)."""

    ident: str
    feats: list[frozenset[str]]
    bounds: list[Span]
    labels: list[int]
    found: list[Span]
    gold: list[tuple[int, int, str]]


def examples() -> list[Example]:
    """The dev documents as Examples (rules run without the model's rule)."""
    linter = Linter(options=CheckOptions(ignore=(RULE,)))
    local = [r for r in linter.rules if not KIND_SPECS[r.kind].run_level]  # as CC409 sees them
    out = []
    for record in ann.load():
        if ann.split_of(record["id"]) != "dev":
            continue
        document = load_file(ann.CORPUS / record["path"])
        ctx = next(iter(linter.contexts([document])))
        if not isinstance(ctx, CheckContext):
            raise SystemExit(f"{record['path']}: could not be checked")
        found = [(f.start, f.end) for f in linter.evaluate(ctx, local)
                 if f.category == "boilerplate"]  # fmt: skip
        gold = [(g["start"], g["end"], g["kind"]) for g in record.get("boilerplate", [])]
        blocks = [(b.start, b.end, b.role) for b in document.blocks]
        claims = [(c.start, c.end) for c in ctx.analysis.claims]
        modifiers = [(m.start, m.end, m.type) for m in ctx.analysis.modifiers]
        page = Page(document.text, blocks, sentence_table(ctx.doc).chars, claims, modifiers, found)
        feats = [page.features(u) for u in page.units]
        bounds = [(u.start, u.end) for u in page.units]
        labels = [int(any(u.start < e and s < u.end for s, e, _k in gold)) for u in page.units]
        out.append(Example(record["id"], feats, bounds, labels, found, gold))
    return out


def fit(feats: Sequence[frozenset[str]], labels: Sequence[int]) -> tuple[dict[str, float], float]:
    """The model's (weights, bias) (scripts/logistic.py)."""
    return logistic.fit(feats, labels, min_count=MIN_COUNT, l2=L2, tolerance=1e-6, digits=3,
                        min_weight=0.01)  # fmt: skip


def scores(weights: dict[str, float], bias: float, feats: Sequence[frozenset[str]]) -> list[float]:
    """The model's probability for each sentence, scored as CC409 scores it."""
    model = BoilerplateModel(weights, bias, threshold=1.0)
    return [model.score(fs) for fs in feats]


def measure(docs: Sequence[Example], probs: dict[str, list[float]] | None,
            threshold: float) -> tuple[float, float, float]:  # fmt: skip
    """Boilerplate recall and precision as bench/realworld.py counts them, for the rules'
    findings plus the model's sentences at ``threshold`` that no finding overlaps, and the
    precision of those added sentences alone."""
    hit = total = right = reported = added = added_right = 0
    for d in docs:
        extra: list[Span] = []
        if probs is not None:
            extra = [b for b, p in zip(d.bounds, probs[d.ident], strict=True) if p >= threshold
                     and not any(b[0] < e and s < b[1] for s, e in d.found)]  # fmt: skip
        spans = list(d.found) + extra
        for s, e, kind in d.gold:
            if kind != "other":
                total += 1
                hit += any(s < fe and fs < e for fs, fe in spans)
        for fs, fe in spans:
            reported += 1
            right += any(s < fe and fs < e for s, e, _k in d.gold)
        for fs, fe in extra:
            added += 1
            added_right += any(s < fe and fs < e for s, e, _k in d.gold)
    return hit / max(1, total), right / max(1, reported), added_right / max(1, added)


def choose_threshold(docs: Sequence[Example]) -> tuple[float, list[tuple[float, ...]]]:
    """The lowest threshold at which the sentences the model adds are, cross-validated,
    at least ADDED_PRECISION precise, and the table of (threshold, recall, precision, added
    precision) behind the choice."""
    folds: dict[str, list[float]] = {}
    for k in range(FOLDS):
        train = [d for i, d in enumerate(docs) if i % FOLDS != k]
        weights, bias = fit([f for d in train for f in d.feats],
                            [y for d in train for y in d.labels])
        for i, d in enumerate(docs):
            if i % FOLDS == k:
                folds[d.ident] = scores(weights, bias, d.feats)
    table = [(t, *measure(docs, folds, t)) for t in THRESHOLDS]
    chosen = next((t for t, _r, _p, added in table if added >= ADDED_PRECISION), THRESHOLDS[-1])
    return chosen, table


def render(weights: dict[str, float], bias: float, threshold: float, n: int, positives: int,
           table: list[tuple[float, ...]]) -> str:  # fmt: skip
    """The model file's text (stable order, so --check compares exactly)."""
    data: dict[str, Any] = {
        "about": ABOUT,
        "trained_on": f"bench/corpus dev split: {n} sentences, {positives} overlapping boilerplate",
        "threshold": threshold,
        "cross_validation": [{"threshold": t, "recall": round(r, 3), "precision": round(p, 3),
                              "added_precision": round(a, 3)} for t, r, p, a in table],
        "bias": bias, "weights": dict(sorted(weights.items())),
    }  # fmt: skip
    return json.dumps(data, indent=0, ensure_ascii=False) + "\n"


def main() -> int:
    """Train, then write or check the model file."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="compare instead of writing")
    args = ap.parse_args()
    docs = sorted(examples(), key=lambda d: d.ident)
    threshold, table = choose_threshold(docs)
    feats = [f for d in docs for f in d.feats]
    labels = [y for d in docs for y in d.labels]
    weights, bias = fit(feats, labels)
    text = render(weights, bias, threshold, len(labels), sum(labels), table)
    if args.check:
        current = OUT.read_text(encoding="utf-8") if OUT.is_file() else ""
        if current != text:
            print(f"{OUT.relative_to(ROOT)} is out of date: run scripts/train_boilerplate_model.py")
            return 1
        print(f"{OUT.relative_to(ROOT)} is up to date ({len(weights)} weights)")
        return 0
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    for t, r, p, a in table:
        print(f"  threshold {t:.3f}: cross-validated recall {r:.3f}, precision {p:.3f}, "
              f"precision of the added sentences {a:.3f}")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(weights)} weights from {len(labels)} sentences, "
          f"threshold {threshold}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
