"""Generate the health vocabularies in lexicons/vocab/ from the open vocabularies in
../shared/datasets/health-vocab/ (MeSH 2024, Human Disease Ontology, Symptom Ontology).

    python scripts/build_vocab.py            # write lexicons/vocab/*.txt
    python scripts/build_vocab.py --check    # exit 1 when the files differ from what it writes

The lists hold lower-case lay-matchable terms: at most four words, no inverted forms ("Oil,
Essential"), no abbreviations or lab codes, no chemical nomenclature. Words that are common in
non-health senses ("back", "balance", "growth") are left out here; the project's hand-written
lists in lexicons/lists/ say which of them count, and how (see lexicons/terms.yml). The data
folder is ``$CLAIMCHECK_SHARED/datasets/health-vocab`` (default: ../shared beside the checkout).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import os
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CLAIMCHECK_SHARED", str(ROOT.parent / "shared")))
VOCAB = SHARED / "datasets" / "health-vocab"
OUT = ROOT / "lexicons" / "vocab"
WEAK_LISTS = ROOT / "lexicons" / "lists"

MESH_NOTE = (
    "Medical Subject Headings (MeSH) 2024, courtesy of the U.S. National Library of Medicine. "
    "This is not the current MeSH edition. Modified: terms were filtered and lower-cased by "
    "scripts/build_vocab.py; NLM does not endorse this list."
)
DO_NOTE = (
    "Human Disease Ontology and Symptom Ontology, July 2026 release (CC0 1.0); Schriml LM et "
    "al., Nucleic Acids Res. 2022;50(D1):D1255-D1261, doi:10.1093/nar/gkab1063."
)

# MeSH tree prefixes per list (health-vocab/README.md, "Categories")
TREES: dict[str, tuple[str, ...]] = {
    "conditions": ("C", "F03"),
    "body": tuple(f"A{n:02d}" for n in (*range(1, 11), *range(12, 18))),  # A11 is cells
    "functions": ("G03", "G07", "G08", "G09", "G10", "G11", "G12", "F01", "F02"),
    "therapies": ("E02",),
    "substances": ("B01.875.800", "J02", "D"),
}
# pathological processes, diet and foods (G07.203: not functions), ...
EXCLUDED_TREES = ("C23.550", "C26.200", "G07.700", "F02.463", "G07.203")
_OK = re.compile(r"^[a-z][a-z' -]*[a-z0-9]$")
_DIGITS_OK = re.compile(r"^(?:type [12] |vitamin |omega-|covid-|b)[a-z0-9-]*")
MAX_WORDS = {"conditions": 4, "body": 3, "functions": 3, "therapies": 3, "substances": 3}
_NOISE = re.compile(
    r"\b(?:phenomena|phenomenon|physiological|physiology|concepts?|processes|process|"
    r"unspecified|nos|other|agents?|compounds?|derivatives?|preparations?|antagonists?|"
    r"inhibitors?|receptors?|proteins?|genes?|cells?|syndromes? of)\b"
)


RARE = -13.0  # a one-word term is kept only when rarer than this in general English


def _common_words() -> set[str]:
    """Single words more frequent than ``RARE`` in general English (spacy-lookups-data's
    lexeme probabilities): as one-word terms they are too often meant otherwise ("dish",
    "settle", "castle"), so only the project's hand-written lists admit them."""
    probs = _lookups("en_lexeme_prob")
    return {w for w, p in probs.items() if p > RARE and " " not in w}


def _lookups(name: str) -> dict[str, Any]:
    """A table of spacy-lookups-data (a dependency of claimcheck)."""
    import spacy_lookups_data

    path = Path(spacy_lookups_data.__file__).parent / "data" / f"{name}.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        table: dict[str, Any] = json.load(fh)
    return table


def _ambiguous() -> set[str]:
    """Words the project's lists/weak_*.txt name as common in non-health senses."""
    out = set()
    for path in sorted(WEAK_LISTS.glob("weak_*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip().lower()
            if line:
                out.add(line)
    return out


def plural(word: str) -> str:
    """The plural claimcheck also matches (claimcheck.nlp.terms.plural, of the last word)."""
    from claimcheck.nlp.terms import plural as last_word_plural

    head, _, last = word.rpartition(" ")
    return f"{head} {last_word_plural(last)}".strip()


def clean(term: str, kind: str) -> str | None:
    """The lower-case lay form of a term, or None when it is not lay-matchable."""
    t = " ".join(term.replace("\u2019", "'").split()).lower()
    if "," in t or "(" in t or "[" in t or "/" in t or "&" in t:
        return None
    if any(ch.isdigit() for ch in t) and not _DIGITS_OK.match(t):
        return None
    if not _OK.match(t) or len(t) < 4 or len(t.split()) > MAX_WORDS[kind]:
        return None
    if _NOISE.search(t):
        return None
    return t


def _tsv(name: str) -> Iterator[dict[str, str]]:
    """Rows of one of the MeSH TSV tables."""
    with gzip.open(VOCAB / "mesh-2024" / name, "rt", encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(fh, delimiter="\t")


def mesh() -> dict[str, set[str]]:
    """MeSH terms per list, by the trees of their descriptor."""
    trees: dict[str, set[str]] = defaultdict(set)
    for row in _tsv("data_mesh_trees.tsv.gz"):
        trees[row["DescriptorUI"]].add(row["tree_location"])
    out: dict[str, set[str]] = defaultdict(set)
    for row in _tsv("data_mesh_thesaurus.tsv.gz"):
        if row["IsPermutedTermYN"] == "Y" or row["LexicalTag"] in ("ABB", "ACR", "LAB"):
            continue
        where = trees.get(row["DescriptorUI"], set())
        if any(t.startswith(EXCLUDED_TREES) for t in where):
            continue
        for kind, prefixes in TREES.items():
            if not any(t.startswith(prefixes) for t in where):
                continue
            # chemicals and drugs: preferred names and trade names only (lay names)
            chemical = kind == "substances" and all(t.startswith("D") for t in where)
            if chemical and row["RecordPreferredTermYN"] != "Y" and row["LexicalTag"] != "TRD":
                continue
            term = clean(row["TermName"], kind)
            # behaviour and psychology (F01, F02): only multi-word terms are lay health terms
            psych = all(t.startswith(("F01", "F02")) for t in where if t.startswith(prefixes))
            if term and not (psych and kind == "functions" and " " not in term):
                out[kind].add(term)
    return out


def _obo_terms(path: Path) -> Iterator[str]:
    """Names and EXACT synonyms of the non-obsolete terms of an OBO file."""
    name, synonyms, obsolete = None, [], False
    for line in [*path.read_text(encoding="utf-8").splitlines(), "[Term]"]:
        if line.startswith("[Term]") or line.startswith("[Typedef]"):
            if name and not obsolete:
                yield name
                yield from synonyms
            name, synonyms, obsolete = None, [], False
        elif line.startswith("name: "):
            name = line[6:]
        elif line.startswith("synonym: ") and " EXACT" in line:
            synonyms.append(line.split('"')[1])
        elif line.startswith("is_obsolete: true"):
            obsolete = True


def ontologies() -> set[str]:
    """Disease and symptom names and exact synonyms (DO subsets, DO labels, SYMP)."""
    terms: set[str] = set()
    do = VOCAB / "disease-ontology"
    for name in ("NCIthesaurus.obo", "DO_infectious_disease_slim.obo"):
        terms.update(_obo_terms(do / name))
    terms.update(_obo_terms(VOCAB / "symptom-ontology" / "symp.obo"))
    with (do / "HumanDO.tsv").open(encoding="utf-8", newline="") as fh:
        terms.update(row["label"] for row in csv.DictReader(fh, delimiter="\t"))
    return {c for t in terms if (c := clean(t, "conditions"))}


def build() -> dict[str, str]:
    """File name -> content of every generated list."""
    lists = mesh()
    lists["conditions"] |= ontologies()
    dropped = _ambiguous() | _common_words()
    lemma = _lookups("en_lemma_lookup")
    out = {}
    for kind, terms in sorted(lists.items()):
        # a term is also matched in its plural, and "salts" is the plural of common "salt"
        kept = sorted(
            t for t in terms
            if not {t, lemma.get(t, t), plural(t)} & dropped
        )  # fmt: skip
        sources = MESH_NOTE + ("\n# " + DO_NOTE if kind == "conditions" else "")
        header = (
            "# Generated by scripts/build_vocab.py from ../shared/datasets/health-vocab; "
            f"do not edit.\n# {len(kept)} {kind} terms, lower case, one per line.\n"
            f"# Sources: {sources}\n"
        )
        out[f"{kind}.txt"] = header + "\n".join(kept) + "\n"
    return out


def main(argv: Iterable[str] | None = None) -> int:
    """Write the lists, or with --check compare them with the files in lexicons/vocab/."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="only compare; exit 1 on a difference")
    args = ap.parse_args(list(argv) if argv is not None else None)
    if not VOCAB.is_dir():
        print(f"build_vocab: {VOCAB} not found (set CLAIMCHECK_SHARED); nothing checked")
        return 0 if args.check else 2
    files = build()
    stale = [
        n for n, text in files.items()
        if not (OUT / n).is_file() or (OUT / n).read_text(encoding="utf-8") != text
    ]  # fmt: skip
    if args.check:
        for n in stale:
            print(f"build_vocab: lexicons/vocab/{n} is not what the script generates; run it")
        return 1 if stale else 0
    OUT.mkdir(parents=True, exist_ok=True)
    for n, text in files.items():
        (OUT / n).write_text(text, encoding="utf-8")
        print(f"lexicons/vocab/{n}: {text.splitlines()[1][2:]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
