"""Experiment (issue 12): a strength classifier over claimcheck's findings and lemma n-grams.

    python scripts/strength_experiment.py [--features rules|uni|all] [--no-rule-label]
                                          [--l2 X] [--min-count N] [--split dev|test|confirm]
                                          [--own-errors]

Trains one-vs-rest L2 logistic regressions (scripts/logistic.py, Newton's method, so a rerun
gives the same figures) on the TRAIN split of the project's own corpus
bench/strength-corpus/sentences.tsv (written by the project, labelled as bench/causal_language.py
maps claims: 0 none, 1 direct causal, 2 hedged causal, 3 correlational), reports its holdout
split, then MEASURES on one split of the GPL causal-language set, which is never trained on:
the rules' label (what the tool does today), the model alone, and the rules' label overridden
by the model wherever the model's top class has at least probability T. Tune on dev; the
test figure is the one to quote; confirm only checks.

Features of a sentence (each checked alone, as bench/causal_language.py does):
  rules  the rules' label (``r:``), claim kinds, strength, support, negation and caveat types,
         modifier group ids (``g:``), claim trigger kinds and pattern ids (``t:``, ``p:``)
  uni    rules + lemma unigrams of the alphabetic tokens (stop words kept: "may", "with")
  all    uni + lemma bigrams
``--no-rule-label`` drops the rules' verdicts (label, kind, strength, support, caveat and
negation types) and keeps the cue ids and lemmas: a model independent of the rules' grading.
No weights are written: no configuration beat the rules on dev (bench/strength-corpus/README.md).
"""

from __future__ import annotations

import argparse
import hashlib
import math
import sys
from collections import Counter
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
import causal_language as cl  # noqa: E402  # bench/causal_language.py: label mapping, scoring
import logistic  # noqa: E402  # scripts/logistic.py (this script's folder is on sys.path)

from claimcheck.api import Linter  # noqa: E402
from claimcheck.extract.text import parse_plain  # noqa: E402
from claimcheck.nlp.components import MODS_KEY  # noqa: E402
from claimcheck.nlp.context import CLAIMS_KEY  # noqa: E402
from claimcheck.rules.base import CheckContext  # noqa: E402

CORPUS = ROOT / "bench" / "strength-corpus" / "sentences.tsv"
VERDICTS = ("r:", "k:", "st:", "ks:", "sup:", "cav:", "nt:")  # the rules' grading
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9)
Model = list[tuple[dict[str, float], float]]


def corpus_split(sentence: str) -> str:
    """``holdout`` for about 20 % of the own corpus (sha1 first byte % 10 >= 8), else ``train``."""
    return "holdout" if hashlib.sha1(sentence.encode("utf-8")).digest()[0] % 10 >= 8 else "train"


def corpus() -> list[tuple[str, int]]:
    """(sentence, label) rows of bench/strength-corpus/sentences.tsv."""
    rows = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines()[1:]:
        sentence, label = line.rsplit("\t", 1)
        rows.append((sentence, int(label)))
    return rows


def features(
    linter: Linter, sentences: Sequence[str], kind: str, rule_label: bool
) -> list[tuple[frozenset[str], int]]:
    """(features, the rules' label) of each sentence, each checked as its own document."""
    out = []
    docs = [parse_plain(f"s{i}", cl.clean(s)) for i, s in enumerate(sentences)]
    for ctx in linter.contexts(docs):
        if not isinstance(ctx, CheckContext):
            raise SystemExit("a sentence could not be checked")
        doc = ctx.doc
        claims = doc._.cc_context.claims
        rule = cl.label_of(claims)
        f: set[str] = {f"r:{rule}"} if claims else {f"r:{rule}", "noclaim"}
        for c in claims:
            f.update({f"k:{c.kind}", f"st:{c.strength}", f"sup:{c.support}"})
            f.update(f"ks:{k}" for k in c.kinds)
            f.update(f"cav:{m.type}" for m in c.caveats)
            if c.negated:
                f.add("neg")
                f.update(f"nt:{m.type}" for m in c.negations)
            if c.intensifiers:
                f.add("int")
        f.update(f"g:{s.id_}" for s in doc.spans.get(MODS_KEY, ()))
        f.update(f"t:{s.label_}" for s in doc.spans.get(CLAIMS_KEY, ()))
        f.update(f"p:{s.id_}" for s in doc.spans.get(CLAIMS_KEY, ()))
        lemmas = [t.lemma_.lower() or t.lower_ for t in doc if t.is_alpha]
        if kind in ("uni", "all"):
            f.update(f"w:{w}" for w in lemmas)
        if kind == "all":
            f.update(f"b:{a}_{b}" for a, b in pairwise(lemmas))
        if not rule_label:
            f = {x for x in f if not x.startswith(VERDICTS)}
        out.append((frozenset(f), rule))
    return out


def train(
    feats: Sequence[frozenset[str]], labels: Sequence[int], l2: float, min_count: int
) -> Model:
    """One (weights, bias) per label, one against the rest."""
    return [
        logistic.fit(feats, [int(y == k) for y in labels], min_count=min_count, l2=l2,
                     tolerance=1e-8, digits=4)
        for k in range(4)
    ]  # fmt: skip


def top(model: Model, f: frozenset[str]) -> tuple[int, float]:
    """The most probable label and its probability."""
    z = [b + math.fsum(w.get(x, 0.0) for x in f) for w, b in model]
    p = [1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, v)))) for v in z]
    k = max(range(4), key=lambda i: p[i])
    return k, p[k]


def line(name: str, pairs: Sequence[tuple[int, int]]) -> str:
    """Macro-F1 and per-label F1 of (gold, predicted) pairs."""
    s = cl.score(pairs)
    per = " ".join(f"{v['f1']:.3f}" for v in s["per_label"].values())
    return f"{name:<28} macro-F1 {s['macro_f1']:.4f}  F1 0/1/2/3 {per}"


def main() -> int:
    """Train on the own corpus, report its holdout and one split of the causal-language set."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--features", choices=("rules", "uni", "all"), default="rules")
    ap.add_argument("--no-rule-label", action="store_true")
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--split", choices=("dev", "test", "confirm"), default="dev")
    ap.add_argument("--own-errors", action="store_true",
                    help="print the own corpus's sentences the rules label wrongly")  # fmt: skip
    args = ap.parse_args()
    linter = Linter()
    rows = corpus()
    feats = features(linter, [s for s, _ in rows], args.features, not args.no_rule_label)
    both = list(zip(feats, rows, strict=True))
    train_rows = [(f, y) for (f, _), (s, y) in both if corpus_split(s) == "train"]
    hold = [(f, y, r) for (f, r), (s, y) in both if corpus_split(s) == "holdout"]
    model = train([f for f, _ in train_rows], [y for _, y in train_rows], args.l2, args.min_count)
    print(f"own corpus: {len(rows)} sentences, train {len(train_rows)}, holdout {len(hold)}")
    print(line("own holdout, rules", [(y, r) for _, y, r in hold]))
    print(line("own holdout, model", [(y, top(model, f)[0]) for f, y, _ in hold]))
    print(line("own corpus (all), rules", [(y, r) for (_, r), (_, y) in both]))
    if args.own_errors:
        for (_, r), (s, y) in both:
            if r != y:
                print(f"    rules {y}->{r}: {s}")
    data = [(s, y) for s, y in cl.load() if cl.split_of(s) == args.split]
    if not data:
        print("causal-language set absent: no measurement")
        return 0
    measured = features(linter, [s for s, _ in data], args.features, not args.no_rule_label)
    golds = [y for _, y in data]
    rules = [r for _, r in measured]
    tops = [top(model, f) for f, _ in measured]
    print(line(f"{args.split}, rules", list(zip(golds, rules, strict=True))))
    print(line(f"{args.split}, model", [(y, k) for y, (k, _) in zip(golds, tops, strict=True)]))
    for t in THRESHOLDS:
        preds = [k if p >= t else r for r, (k, p) in zip(rules, tops, strict=True)]
        moves = Counter(
            (r, o, "right" if o == y else "wrong" if r == y else "neither")
            for y, r, o in zip(golds, rules, preds, strict=True) if o != r
        )  # fmt: skip
        print(line(f"{args.split}, override at {t}", list(zip(golds, preds, strict=True))))
        changed = ", ".join(f"{a}->{b} {e} {n}" for (a, b, e), n in sorted(moves.items()))
        print("    changed (rules -> model, outcome):", changed or "none")
    return 0


if __name__ == "__main__":
    sys.exit(main())
