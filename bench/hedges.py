"""Hedge detection on the BioScope abstracts (speculation cues), with a held-out test split.

    python bench/hedges.py [--errors N] [--cues N]

Data: ``bioscope-abstracts/`` under the shared datasets folder (default ``../shared/datasets``,
or ``$CLAIMCHECK_DATASETS``); absent -> a skip message and exit 0. 1,273 MEDLINE abstracts,
11,871 sentences whose speculation cues two linguists marked (Vincze et al. 2008, CC BY 2.0).
Labels come from ``sentences.jsonl``, cue offsets from ``abstracts.xml``. The set is read
for measuring only: its sentences are never copied into the project.

Split, fixed and by abstract: ``dev`` when the first byte of sha1(document id) % 10 < 4
(about 40 % of abstracts), ``test`` otherwise. Cues are added and tuned on dev only
(``--errors`` prints dev sentences only); the test figure is the one to quote.

What counts as hedged (the checker's own machinery, no re-implementation): each sentence is
checked alone as a plain-text document by ``Linter``; the sentence is hedged when the
effective modifiers claimcheck found (``DocAnalysis.modifiers``: the ``lexicons/`` modifier
groups after pseudo-triggers, disclaimers and boilerplate pruned theirs) include one of type
``hedge`` - the modifiers that grade a claim ``hedged``. Sentences whose only speculation
cues are disjunctions ("or", "either ... or", "whether or not"; the data's
``speculation_only_disjunction``) are left out: a checker of health claims does not count
them as hedges.

Scoring (CoNLL-2010 Task 1 style): precision, recall and F1 of "hedged" sentences per split.
Cue-level recall: a gold cue is found when a hedge modifier overlaps it; cues are grouped by
the lemmas of their tokens (claimcheck's lookup lemmatizer: "indicated that" -> "indicate
that"; modal verbs keep their form). False hedges: the hedge modifiers found in sentences
with no speculation cue, by lemma.
Writes bench/results/hedges-<time>.json.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import DATASETS, write_results

DATA = DATASETS / "bioscope-abstracts"
SPLITS = ("dev", "test", "full")
BATCH = 256
HEDGE_TYPES = frozenset({"hedge", "evidential"})  # the modifier types that hedge a sentence
MODALS = frozenset({"can", "could", "may", "might", "must", "shall", "should", "will", "would"})


@dataclass
class Sentence:
    """One BioScope sentence: gold label, speculation cue offsets, and what claimcheck found."""

    id: str
    doc_id: str
    text: str
    speculative: bool
    only_disjunction: bool
    cues: list[tuple[int, int]] = field(default_factory=list)
    cue_lemmas: list[str] = field(default_factory=list)
    hedges: list[tuple[int, int, str]] = field(default_factory=list)  # claimcheck's, + lemma

    @property
    def split(self) -> str:
        """``dev`` or ``test``, fixed by the abstract's id."""
        return split_of(self.doc_id)


def split_of(doc_id: str) -> str:
    """``dev`` for about 40 % of abstracts (sha1 first byte % 10 < 4), else ``test``."""
    return "dev" if hashlib.sha1(doc_id.encode("utf-8")).digest()[0] % 10 < 4 else "test"


def _walk(node: ET.Element, out: list[str], cues: list[tuple[int, int]]) -> None:
    """Append the node's text to ``out``; record the offsets of speculation cues."""
    start = sum(map(len, out))
    if node.text:
        out.append(node.text)
    for child in node:
        _walk(child, out, cues)
        if child.tail:
            out.append(child.tail)
    if node.tag == "cue" and node.get("type") == "speculation":
        cues.append((start, sum(map(len, out))))


def cue_offsets(path: Path) -> dict[str, tuple[str, list[tuple[int, int]]]]:
    """Sentence id -> (text, speculation cue offsets), read from the corpus XML."""
    out = {}
    for sent in ET.parse(path).getroot().iter("sentence"):
        parts: list[str] = []
        cues: list[tuple[int, int]] = []
        _walk(sent, parts, cues)
        out[str(sent.get("id"))] = ("".join(parts), cues)
    return out


def load() -> list[Sentence]:
    """Every sentence with its cues, or [] when the data set is absent."""
    jsonl, xml = DATA / "sentences.jsonl", DATA / "abstracts.xml"
    if not (jsonl.is_file() and xml.is_file()):
        return []
    offsets = cue_offsets(xml)
    out = []
    for line in jsonl.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        text, cues = offsets[rec["id"].split(":", 1)[1]]
        if text != rec["text"]:
            raise SystemExit(f"{rec['id']}: XML and JSONL texts differ")
        out.append(Sentence(rec["id"], rec["doc_id"], text, rec["speculative"],
                            rec["speculation_only_disjunction"], sorted(cues)))  # fmt: skip
    return out


def _lemmas(doc: Any, start: int, end: int) -> str:
    """The lower-case lemmas of the tokens covering characters start..end (modal verbs keep
    their form: the lookup table makes "could" "can" and "might" "may")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return ""
    return " ".join(t.lower_ if t.lower_ in MODALS else t.lemma_.lower() for t in span)


def run_checker(sentences: Sequence[Sentence]) -> None:
    """Fill in each sentence's hedge modifiers and cue lemmas, checked alone by ``Linter``."""
    from claimcheck.api import Linter
    from claimcheck.extract.text import parse_plain
    from claimcheck.rules.base import CheckContext

    linter = Linter()
    for i in range(0, len(sentences), BATCH):
        batch = sentences[i : i + BATCH]
        docs = [parse_plain(s.id, s.text) for s in batch]
        for sent, ctx in zip(batch, linter.contexts(docs), strict=True):
            if not isinstance(ctx, CheckContext):
                raise SystemExit(f"{sent.id}: {ctx.error}")
            mods = [m for m in ctx.analysis.modifiers if m.type in HEDGE_TYPES]
            sent.hedges = [(m.start, m.end, _lemmas(ctx.doc, m.start, m.end)) for m in mods]
            sent.cue_lemmas = [_lemmas(ctx.doc, s, e) for s, e in sent.cues]


def prf(pairs: Sequence[tuple[bool, bool]]) -> dict[str, float | int]:
    """Precision, recall and F1 of the positive class over (gold, predicted) pairs."""
    tp = sum(g and p for g, p in pairs)
    n_pred = sum(p for _, p in pairs)
    n_gold = sum(g for g, _ in pairs)
    prec = tp / n_pred if n_pred else 0.0
    rec = tp / n_gold if n_gold else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"sentences": len(pairs), "gold": n_gold, "predicted": n_pred, "tp": tp,
            "p": prec, "r": rec, "f1": f1}  # fmt: skip


def cue_recall(sentences: Sequence[Sentence]) -> dict[str, tuple[int, int]]:
    """Cue lemma -> (cues found, cues) over the scored sentences."""
    found: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for s in sentences:
        for (start, end), lemma in zip(s.cues, s.cue_lemmas, strict=True):
            total[lemma] += 1
            found[lemma] += any(h[0] < end and start < h[1] for h in s.hedges)
    return {k: (found[k], n) for k, n in total.most_common()}


def false_hedges(sentences: Sequence[Sentence]) -> Counter[str]:
    """Hedge lemmas found in sentences with no speculation cue."""
    return Counter(h[2] for s in sentences if not s.speculative for h in s.hedges)


def scored(sentences: Sequence[Sentence], split: str) -> Iterator[Sentence]:
    """The sentences of a split that are scored (not only hedged by a disjunction)."""
    return (s for s in sentences if split in ("full", s.split) and not s.only_disjunction)


def report(name: str, result: dict[str, Any], cues: int) -> None:
    """Print one split's figures, its cue recall and false hedges (Markdown)."""
    v = result["sentences"]
    print(f"\n### {name}: {v['sentences']} sentences, {v['gold']} hedged\n")
    print("| P | R | F1 | predicted | true positives |\n|---|---|---|---|---|")
    print(f"| {v['p']:.3f} | {v['r']:.3f} | {v['f1']:.3f} | {v['predicted']} | {v['tp']} |")
    found = sum(f for f, _ in result["cues"].values())
    total = sum(n for _, n in result["cues"].values())
    print(f"\ncue recall {found}/{total} = {found / total if total else 0:.3f}; by lemma:")
    print("    " + ", ".join(f"{k} {f}/{n}" for k, (f, n) in list(result["cues"].items())[:cues]))
    print("false hedges (lemma: count): "
          + ", ".join(f"{k} {n}" for k, n in result["false_hedges"][:cues]))  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    """Score dev, test and full; print dev errors on request; write the JSON results."""
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--errors", type=int, default=0, help="print N dev misses and false hedges")
    ap.add_argument("--cues", type=int, default=40, help="cue lemmas listed per split")
    args = ap.parse_args(argv)
    sentences = load()
    if not sentences:
        print(f"hedges: {DATA} absent, skipped")
        return 0
    run_checker(sentences)
    results = {}
    for name in SPLITS:
        part = list(scored(sentences, name))
        results[name] = {
            "sentences": prf([(s.speculative, bool(s.hedges)) for s in part]),
            "cues": cue_recall(part),
            "false_hedges": false_hedges(part).most_common(),
        }
        report(name, results[name], args.cues)
    if args.errors:
        dev = list(scored(sentences, "dev"))
        print("\ndev misses:")
        for s in [s for s in dev if s.speculative and not s.hedges][: args.errors]:
            print(f"    [{'; '.join(s.cue_lemmas)}] {s.text}")
        print("\ndev false hedges:")
        for s in [s for s in dev if s.hedges and not s.speculative][: args.errors]:
            print(f"    [{'; '.join(h[2] for h in s.hedges)}] {s.text}")
    split = "sha1(doc_id)[0] % 10 < 4 -> dev"
    out = write_results("hedges", {"split": split, **results})
    print(f"\nwritten {out.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
