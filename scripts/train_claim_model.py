"""Train the sentence model (src/claimcheck/nlp/sentence_model.py) on the corpus's dev split.

    python scripts/train_claim_model.py            # write lexicons/model/claim-sentences.json
    python scripts/train_claim_model.py --check    # exit 1 when the file differs from a retrain

The training data is the dev split of bench/corpus (documents the project wrote, annotated by
../shared/ANNOTATION.md; bench/corpus/README.md): each sentence of a dev document is one example,
positive when it overlaps an annotated claim. Its features are what the rules found there (word
classes, claim triggers, modifiers; see ``sentence_features``) and its content lemmas. The model
is an L2-regularised logistic regression fitted by Newton's method: deterministic, so --check can
tell whether the file matches the current rules. Run it after changing the rules or the word
lists, then measure with bench/realworld.py (the test split was never used here).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
import annotations as ann  # noqa: E402  # bench/annotations.py: the corpus and its split
import logistic  # noqa: E402  # scripts/logistic.py (this script's folder is on sys.path)

from claimcheck.api import Linter  # noqa: E402
from claimcheck.inputs import load_file  # noqa: E402
from claimcheck.lexicon.loader import default_lexicon_dir, load_lexicon  # noqa: E402
from claimcheck.nlp.context import CLAIMS_KEY, sentences_of  # noqa: E402
from claimcheck.nlp.model_gate import document_features  # noqa: E402
from claimcheck.nlp.pipeline import build_nlp  # noqa: E402
from claimcheck.nlp.sentence_model import MODEL_FILE, SentenceModel  # noqa: E402
from claimcheck.rules.base import CheckContext  # noqa: E402

OUT = default_lexicon_dir() / MODEL_FILE
MIN_DOCS = 4  # a feature seen in fewer dev sentences gets no weight
L2 = 3.0
VETO_BELOW = 0.5  # chosen on the dev split (bench/README.md, "Sentence model")
PROMOTE_AT = 0.5
# word classes (lexicons/shapes.yml) that can carry a promoted claim: effect words and terms
EVIDENCE = sorted({
    "relieve_verb", "improve_verb", "mechanism_verb", "improved_adj", "relief_noun",
    "subside_verb", "role_noun", "health_adj", "cure_verb", "safe_adj", "better_adj",
    "prevent_verb", "help_verb", "work_verb", "healthy_adj", "better_state", "feel_verb",
    "sleep_verb", "thrive_word", "superlative", "condition", "outcome", "body",
    "mechanism",
})  # fmt: skip
KINDS = [["cure_verb", "cure"], ["safe_adj", "safety"], ["safest", "safety"],
         ["better_adj", "comparative"], ["superlative", "comparative"],
         ["unlike_word", "comparative"]]  # fmt: skip
ABOUT = ("Sentence model of claimcheck: logistic regression weights over rule findings and "
         "content lemmas, trained by scripts/train_claim_model.py on the dev split of "
         "bench/corpus (written and annotated by the project). Regenerate after rule changes.")


def examples() -> tuple[list[frozenset[str]], list[int]]:
    """(features, label) of every non-blank sentence of the dev documents."""
    ruleset = load_lexicon()
    nlp = build_nlp(ruleset, use_model=False)
    linter = Linter(ruleset, nlp=nlp)
    shapes = nlp.get_pipe("claimcheck_shapes").impl  # the word classes' bit masks
    stub = SentenceModel({}, 0.0, 0.0, 1.0, frozenset()).with_classes(shapes.masks.bit)
    feats: list[frozenset[str]] = []
    labels: list[int] = []
    for record in ann.load():
        if ann.split_of(record["id"]) != "dev":
            continue
        document = load_file(ann.CORPUS / record["path"])
        ctx = next(iter(linter.contexts([document])))
        if not isinstance(ctx, CheckContext):
            raise SystemExit(f"{record['path']}: could not be checked")
        doc = ctx.doc
        sents = sentences_of(doc)
        gold = [(c["start"], c["end"]) for c in record["claims"]]
        rows = document_features(doc, stub, sents, list(doc.spans.get(CLAIMS_KEY, ())))
        for si, (start, end) in enumerate(sents.bounds):
            f = rows[si][0]
            if not doc[start:end].text.strip():
                continue
            a, b = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
            feats.append(f)
            labels.append(int(any(a < ge and gs < b for gs, ge in gold)))
    return feats, labels


def fit(feats: list[frozenset[str]], labels: list[int]) -> tuple[dict[str, float], float]:
    """The model's (weights, bias) (scripts/logistic.py)."""
    return logistic.fit(feats, labels, min_count=MIN_DOCS, l2=L2, tolerance=1e-9, digits=4)


def render(weights: dict[str, float], bias: float, n: int, positives: int) -> str:
    """The model file's text (stable order, so --check compares exactly)."""
    data: dict[str, Any] = {
        "about": ABOUT,
        "trained_on": f"bench/corpus dev split: {n} sentences, {positives} overlapping a claim",
        "veto_below": VETO_BELOW, "promote_at": PROMOTE_AT,
        "evidence": EVIDENCE, "kinds": KINDS, "bias": bias,
        "weights": dict(sorted(weights.items())),
    }  # fmt: skip
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def main() -> int:
    """Train, then write or check the model file."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="compare instead of writing")
    args = ap.parse_args()
    feats, labels = examples()
    weights, bias = fit(feats, labels)
    text = render(weights, bias, len(labels), sum(labels))
    if args.check:
        current = OUT.read_text(encoding="utf-8") if OUT.is_file() else ""
        if current != text:
            print(f"{OUT.relative_to(ROOT)} is out of date: run scripts/train_claim_model.py")
            return 1
        print(f"{OUT.relative_to(ROOT)} is up to date ({len(weights)} weights)")
        return 0
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(weights)} weights from {len(labels)} sentences")
    return 0


if __name__ == "__main__":
    sys.exit(main())
