"""CC430's run-level cost as the run grows: 1,000 vs 10,000 generated documents.

    python bench/crossdoc_scale.py [--small 1000] [--large 10000]

Each document has eight sentences of random words and two sentences of one of five
templates, each with one word varied (as generated guest posts are). Signing is per document
(linear by construction); this measures the run-level part, looking every passage up in the
index and indexing it (claimcheck.rules.crossdoc.TemplateIndex), which is what could grow
with the square of the run. Target (issue 11): 10,000 documents cost about 10x 1,000.
"""

from __future__ import annotations

import argparse
import random
import time

from claimcheck.nlp.minhash import sign, words
from claimcheck.rules.crossdoc import TemplateIndex

VOCABULARY = [f"w{i}" for i in range(5000)]
TEMPLATES = [
    [f"t{k}x{i}" for i in range(14)] for k in range(5)
]


def document(rng: random.Random) -> tuple[list[tuple[int, int]], object]:
    """One generated document's passages and signatures."""
    sentences = [" ".join(rng.choices(VOCABULARY, k=14)) for _ in range(8)]
    for _ in range(2):
        template = list(rng.choice(TEMPLATES))
        template[rng.randrange(14)] = rng.choice(VOCABULARY)
        sentences.append(" ".join(template))
    text = ". ".join(sentences)
    spans, start = [], 0
    for sentence in sentences:
        spans.append((start, start + len(sentence)))
        start += len(sentence) + 2
    return sign(words(text), spans, 3, 64, 8)


def run(n: int, seed: int = 7) -> tuple[float, int]:
    """Seconds for the index part over ``n`` documents, and the number of passages found."""
    rng = random.Random(seed)
    signed = [document(rng) for _ in range(n)]
    index = TemplateIndex()
    found = 0
    start = time.perf_counter()
    for i, (spans, sigs) in enumerate(signed):
        found += len(index.add(f"d{i}", spans, sigs))  # type: ignore[arg-type]
    return time.perf_counter() - start, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--small", type=int, default=1000)
    parser.add_argument("--large", type=int, default=10_000)
    args = parser.parse_args()
    small, found_small = run(args.small)
    large, found_large = run(args.large)
    print("| documents | index s | template passages found |")
    print("|---|---|---|")
    print(f"| {args.small:,} | {small:.2f} | {found_small:,} |")
    print(f"| {args.large:,} | {large:.2f} | {found_large:,} |")
    print(f"ratio {large / small:.1f}x for {args.large / args.small:.0f}x the documents")


if __name__ == "__main__":
    main()
