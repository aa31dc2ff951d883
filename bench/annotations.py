"""The real-world corpus's annotations: build them from quote drafts, check every span.

    python bench/annotations.py check                 # every span of annotations.jsonl is valid
    python bench/annotations.py draft FILE.json ...   # check quote drafts (while writing)
    python bench/annotations.py build [DRAFT_DIR]     # drafts -> annotations.jsonl (offsets)
    python bench/annotations.py reanchor              # recompute offsets from quotes after an edit

The corpus lives in bench/corpus/: ``docs/<id>.txt`` (the text exactly as claimcheck checks a
.txt file) and ``annotations.jsonl``, one document per line in the format of
../shared/tools/annotscore.py, annotated by ../shared/ANNOTATION.md:

    {"id", "path": "docs/<id>.txt", "category": promo-health|careful-health|spam-nonhealth|neutral,
     "genre", "topic", "split": dev|test, "modelled_on": [URLs of the real pages read],
     "claims": [{"start", "end", "quote", "kind", "has_caveat", "has_source", "attributed"}],
     "boilerplate": [{"start", "end", "quote", "kind"}]}

Offsets are Python ``str`` offsets; ``quote`` repeats ``text[start:end]`` so that every span
can be checked. A draft (written while annotating) names spans by quote instead of offsets,
with ``occurrence`` (1-based) when the quote occurs more than once.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).resolve().parent / "corpus"
ANNOTATIONS = CORPUS / "annotations.jsonl"
CATEGORIES = {"promo-health", "careful-health", "spam-nonhealth", "neutral"}
CLAIM_KINDS = {"efficacy", "cure", "safety", "mechanism", "comparative", "other"}
BOILER_KINDS = {
    "platform-disclaimer", "template-opener", "template-closer", "call-to-action",
    "spun-text", "keyword-stuffing", "other",
}  # fmt: skip
FLAGS = ("has_caveat", "has_source", "attributed")
DEV_SHARE = 0.4  # documents whose name hashes below this share are the dev split


def split_of(doc_id: str) -> str:
    """The fixed split of a document: a hash of its file name, about 40% dev and 60% test;
    every document of the confirmation set (bench/corpus-confirm) is ``confirm``."""
    if CORPUS.name == "corpus-confirm":
        return "confirm"
    digest = hashlib.sha256(f"{doc_id}.txt".encode()).digest()
    return "dev" if int.from_bytes(digest[:4], "big") / 2**32 < DEV_SHARE else "test"


def load(path: Path | None = None) -> list[dict[str, Any]]:
    """The annotation records (of ``path``, default the corpus's), in file order."""
    with (path or ANNOTATIONS).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def text_of(record: dict[str, Any]) -> str:
    """The checked text of a record's document."""
    return (CORPUS / record["path"]).read_text(encoding="utf-8")


def _find(text: str, quote: str, occurrence: int) -> int:
    """Offset of the ``occurrence``-th (1-based) occurrence of ``quote``, or -1."""
    at = -1
    for _ in range(occurrence):
        at = text.find(quote, at + 1)
        if at < 0:
            return -1
    return at


def _span_problems(where: str, text: str, span: dict[str, Any], kinds: set[str]) -> list[str]:
    """What is wrong with one span of a built record."""
    out = []
    start, end, quote = span.get("start"), span.get("end"), span.get("quote")
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        return [f"{where}: offsets {start}..{end} outside the text (length {len(text)})"]
    if text[start:end] != quote:
        out.append(f"{where}: text[{start}:{end}] is {text[start:end][:60]!r}, not the quote")
    if text[start:end] != text[start:end].strip():
        out.append(f"{where}: span starts or ends with white space")
    if span.get("kind") not in kinds:
        out.append(f"{where}: kind {span.get('kind')!r} not one of {sorted(kinds)}")
    return out


def check(records: list[dict[str, Any]], complete: bool = True) -> list[str]:
    """Every problem of the built annotations: ids, paths, categories, spans, flags, splits."""
    problems: list[str] = []
    ids = Counter(r.get("id") for r in records)
    problems += [f"{i}: id used {n} times" for i, n in ids.items() if n > 1]
    for r in records:
        rid = r.get("id", "?")
        path = CORPUS / str(r.get("path", ""))
        if not path.is_file():
            problems.append(f"{rid}: no file {path}")
            continue
        if r.get("category") not in CATEGORIES:
            problems.append(
                f"{rid}: category {r.get('category')!r} not one of {sorted(CATEGORIES)}"
            )
        if r.get("split") != split_of(rid):
            problems.append(f"{rid}: split {r.get('split')!r}, the hash says {split_of(rid)}")
        text = text_of(r)
        for i, c in enumerate(r.get("claims", [])):
            problems += _span_problems(f"{rid} claim {i}", text, c, CLAIM_KINDS)
            problems += [f"{rid} claim {i}: {f} is not true/false" for f in FLAGS
                         if not isinstance(c.get(f), bool)]  # fmt: skip
        for i, b in enumerate(r.get("boilerplate", [])):
            problems += _span_problems(f"{rid} boilerplate {i}", text, b, BOILER_KINDS)
    if not complete:
        return problems
    on_disk = {p.stem for p in (CORPUS / "docs").glob("*.txt")}
    problems += [f"docs/{s}.txt has no annotation record" for s in sorted(on_disk - set(ids))]
    return problems


def _anchor(text: str, span: dict[str, Any], where: str) -> tuple[dict[str, Any], list[str]]:
    """A span with offsets found from its quote (and occurrence)."""
    quote = span.get("quote", "")
    n = int(span.get("occurrence", 1))
    at = _find(text, quote, n) if quote else -1
    if at < 0:
        return span, [f"{where}: quote not found (occurrence {n}): {quote[:70]!r}"]
    if n == 1 and text.find(quote, at + 1) >= 0 and "occurrence" not in span:
        return span, [f"{where}: quote occurs more than once; add 'occurrence': {quote[:50]!r}"]
    out = {k: v for k, v in span.items() if k not in ("occurrence", "start", "end")}
    return {"start": at, "end": at + len(quote), **out}, []


def from_draft(draft: dict[str, Any], text: str) -> tuple[dict[str, Any], list[str]]:
    """A built record from a quote draft, and what is wrong with the draft."""
    rid = draft.get("id", "?")
    problems: list[str] = []
    claims, boiler = [], []
    for i, c in enumerate(draft.get("claims", [])):
        span, errs = _anchor(text, c, f"{rid} claim {i}")
        problems += errs
        claims.append(span)
    for i, b in enumerate(draft.get("boilerplate", [])):
        span, errs = _anchor(text, b, f"{rid} boilerplate {i}")
        problems += errs
        boiler.append(span)
    record = {
        "id": rid, "path": f"docs/{rid}.txt", "category": draft.get("category"),
        "genre": draft.get("genre"), "topic": draft.get("topic"), "split": split_of(rid),
        "modelled_on": draft.get("modelled_on", []), "claims": claims, "boilerplate": boiler,
    }  # fmt: skip
    if not problems:
        problems = check([record], complete=False)
    return record, problems


def _drafts(paths: list[Path]) -> tuple[list[dict[str, Any]], list[str]]:
    """Build records from draft files; the problems of all of them."""
    records, problems = [], []
    for p in paths:
        try:
            draft = json.loads(p.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            problems.append(f"{p}: {exc}")
            continue
        doc = CORPUS / "docs" / f"{draft.get('id', p.stem)}.txt"
        if not doc.is_file():
            problems.append(f"{p}: no document {doc}")
            continue
        record, errs = from_draft(draft, doc.read_text(encoding="utf-8"))
        records.append(record)
        problems += errs
    return records, problems


def _reanchor(text: str, span: dict[str, Any], rid: str) -> list[str]:
    """Move a span whose text no longer matches its quote to the nearest occurrence."""
    quote, old = span["quote"], span["start"]
    if text[old : span["end"]] == quote:
        return []
    hits, at = [], text.find(quote)
    while at >= 0:
        hits.append(at)
        at = text.find(quote, at + 1)
    if not hits:
        return [f"{rid}: quote no longer in the text: {quote[:70]!r}"]
    best = min(hits, key=lambda h: abs(h - old))
    span["start"], span["end"] = best, best + len(quote)
    return []


def _write(records: list[dict[str, Any]]) -> None:
    """Write annotations.jsonl, sorted by id."""
    lines = [json.dumps(r, ensure_ascii=False) for r in sorted(records, key=lambda r: r["id"])]
    ANNOTATIONS.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> int:
    """Command-line entry."""
    global CORPUS, ANNOTATIONS
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--corpus", type=Path, default=CORPUS, help="corpus folder (default: bench/corpus)"
    )
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("check")
    d = sub.add_parser("draft")
    d.add_argument("files", nargs="+", type=Path)
    b = sub.add_parser("build")
    b.add_argument("drafts", nargs="?", type=Path)
    sub.add_parser("reanchor")
    a = ap.parse_args()
    CORPUS, ANNOTATIONS = a.corpus.resolve(), a.corpus.resolve() / "annotations.jsonl"
    if a.cmd == "draft":
        _, problems = _drafts(a.files)
    elif a.cmd == "build":
        records, problems = _drafts(sorted((a.drafts or CORPUS / "drafts").glob("*.json")))
        if not problems:
            _write(records)
    elif a.cmd == "reanchor":
        records, problems = [], []
        for r in load():
            text = text_of(r)
            for span in (*r["claims"], *r["boilerplate"]):
                problems += _reanchor(text, span, r["id"])
            records.append(r)
        if not problems:
            _write(records)
    else:
        records = load()
        problems = check(records)
    for p in problems:
        print(p)
    n = len(records) if a.cmd != "draft" else len(a.files)
    print(f"annotations: {n} documents, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
