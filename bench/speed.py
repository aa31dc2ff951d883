"""Speed benchmark: claimcheck's words/s against bare spaCy, cold start, memory, a peer.

    python bench/speed.py [--mb 1.0] [--skip-proselint] [--skip-memory] [--skip-cold]
                          [--profile] [--batch 10000]

All throughput figures come from one run over the same corpus (>= --mb MB of article text:
the project's examples and fixtures plus the article text under ../shared, repeated):
  - floor "tokenizer": spacy.blank("en") tokenizer alone (nlp.pipe, no components);
  - floor "tok+sent+lemma": blank + sentencizer + lookup lemmatizer (spacy-lookups-data);
  - claimcheck check with --jobs 1 and --jobs 2 (Document parsing included);
  - proselint (optional peer, if installed) on the same texts.
Words are whitespace-separated words of the input. Cold start runs `claimcheck check` on an
800-word article as a whole process (median of 5) against `python -c "import spacy;
spacy.blank('en')"`. Peak memory (ru_maxrss of a child process) streams 1,000 and 10,000
documents (single paragraphs of the corpus) through one Linter. Throughput runs are repeated
in interleaved rounds (--repeat) and the fastest round counts, as other work shares the
machine. Results are printed and written to bench/results/.
--profile adds a per-component profile of one --jobs 1 pass in this process (a freshly
loaded pipeline, as a run has): the tokenizer, each pipe of ``linter.nlp``, each rule kind,
filtering and results, in seconds. --batch N times N generated documents (a paragraph of the
corpus and a templated paragraph with one word varied, so CC430's run-level index fills and
finds copies) checked in one --jobs 1 run with every default rule, CC430 included.
"""

from __future__ import annotations

import argparse
import collections
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from itertools import cycle, islice
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import corpus, project_texts, shared_texts, words_of, write_results

PY = sys.executable
BIN = Path(PY).parent / "claimcheck"


def timed(fn: Callable[[], object]) -> float:
    """Wall-clock seconds of one call."""
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def floors(texts: list[str]) -> dict[str, float]:
    """Seconds for the two bare-spaCy floors over ``texts``."""
    import spacy

    tok = spacy.blank("en")
    full = spacy.blank("en")
    full.add_pipe("sentencizer")
    full.add_pipe("lemmatizer", config={"mode": "lookup"})
    full.initialize()
    list(tok.pipe(texts[:20]))  # warm the vocabularies (first-seen words are slower)
    list(full.pipe(texts[:20]))
    return {
        "tokenizer": timed(lambda: sum(len(d) for d in tok.pipe(texts))),
        "tok+sent+lemma": timed(lambda: sum(len(d) for d in full.pipe(texts))),
    }


def claimcheck_runs(named: list[tuple[str, str]], jobs: tuple[int, ...]) -> dict[str, float]:
    """Seconds for the full check (parse + pipeline + rules) with each worker count."""
    from claimcheck.api import Linter
    from claimcheck.cli import DOC_TIMEOUT
    from claimcheck.extract.text import parse_plain
    from claimcheck.nlp.cache import cached_pipeline
    from claimcheck.parallel import check_parallel
    from claimcheck.rules import rule_phrases

    ruleset, nlp = cached_pipeline(phrases=lambda rs: rule_phrases(rs.rules))  # as the CLI does
    out = {}
    for n in jobs:
        linter = Linter(ruleset, nlp=nlp)  # a fresh run each time (cross-document state)
        list(linter.check_many(parse_plain(k, t) for k, t in named[:20]))  # warm up
        linter = Linter(ruleset, nlp=nlp)
        docs = (parse_plain(name, text) for name, text in named)
        start = time.perf_counter()
        for _ in check_parallel(linter, docs, n, DOC_TIMEOUT):  # supervised, as the CLI runs
            pass
        out[f"claimcheck --jobs {n}"] = time.perf_counter() - start
    return out


def proselint_run(texts: list[str]) -> dict[str, float]:
    """Seconds for proselint's default checks over ``texts`` (skipped when not installed)."""
    try:
        from proselint.checks import __register__
        from proselint.registry import CheckRegistry
        from proselint.tools import LintFile
    except ImportError:
        print("proselint not installed: peer ratio skipped (pip install proselint)")
        return {}
    CheckRegistry().register_many(__register__)
    return {"proselint": timed(lambda: [LintFile("<bench>", t).lint() for t in texts])}


def article_of(words: int) -> str:
    """An article of about ``words`` words, paragraphs taken from the corpus texts."""
    paragraphs = [p for _, t in project_texts() + shared_texts() for p in t.split("\n\n")]
    out: list[str] = []
    for p in paragraphs:
        if sum(words_of(x) for x in out) >= words:
            break
        out.append(p.strip())
    return "\n\n".join(out) + "\n"


def median_run(cmd: list[str], env: dict[str, str], n: int = 5) -> float:
    """Median wall-clock seconds of ``n`` runs of a whole process."""
    runs = []
    for _ in range(n):
        start = time.perf_counter()
        subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       check=False)  # fmt: skip
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def cold_start() -> dict[str, float]:
    """claimcheck on one 800-word article (empty and warm pipeline cache) vs bare spaCy start."""
    tmp = Path(tempfile.mkdtemp(prefix="cc-bench-"))
    try:
        article = tmp / "article.txt"
        article.write_text(article_of(800), encoding="utf-8")
        env = {**os.environ, "CLAIMCHECK_CACHE_DIR": str(tmp / "cache")}
        cmd = [str(BIN), "check", str(article), "--format", "json", "--fail-on", "never"]
        start = time.perf_counter()
        subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, check=False)
        first = time.perf_counter() - start
        return {
            "article_words": words_of(article.read_text(encoding="utf-8")),
            "bare spaCy start": median_run([PY, "-c", "import spacy; spacy.blank('en')"], env),
            "claimcheck, empty cache": first,
            "claimcheck, warm cache": median_run(cmd, env),
        }
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def memory_child(n: int) -> None:
    """Child process: stream ``n`` documents through one Linter, print peak RSS in MB."""
    from claimcheck.api import Linter
    from claimcheck.extract.text import parse_plain
    from claimcheck.nlp.cache import cached_pipeline
    from claimcheck.rules import rule_phrases

    ruleset, nlp = cached_pipeline(phrases=lambda rs: rule_phrases(rs.rules))  # as the CLI does
    paragraphs = [p for _, t in project_texts() + shared_texts() for p in t.split("\n\n")]
    docs: Iterator[object] = (
        parse_plain(f"p{i}", text) for i, text in enumerate(islice(cycle(paragraphs), n))
    )
    for _ in Linter(ruleset, nlp=nlp).check_many(docs):  # type: ignore[arg-type]
        pass
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def memory() -> dict[str, float]:
    """Peak RSS (MB) for 1,000 and 10,000 streamed documents."""
    out = {}
    for n in (1_000, 10_000):
        run = subprocess.run([PY, __file__, "--memory-child", str(n)], capture_output=True,
                             text=True, check=True)  # fmt: skip
        out[f"{n} documents"] = float(run.stdout.strip().splitlines()[-1])
    return out


def profile(named: list[tuple[str, str]]) -> dict[str, float]:
    """Seconds per part of one ``--jobs 1`` pass over ``named``, in this process: tokenizer,
    each pipe of the pipeline, each rule kind (summed over its rules), filter and result."""
    from claimcheck.api import KINDS, Linter
    from claimcheck.extract.text import parse_plain
    from claimcheck.nlp.cache import cached_pipeline
    from claimcheck.rules import rule_phrases
    from claimcheck.rules.base import CheckContext

    ruleset, nlp = cached_pipeline(phrases=lambda rs: rule_phrases(rs.rules))
    linter = Linter(ruleset, nlp=nlp)
    spent: collections.Counter[str] = collections.Counter()
    clock = time.perf_counter

    def timed_call(key: str, fn: Callable[..., object], *args: object) -> object:
        start = clock()
        out = fn(*args)
        spent[key] += clock() - start
        return out

    begin = clock()
    for name, text in named:
        document = timed_call("parse (plain text)", parse_plain, name, text)
        doc = timed_call("tokenizer", linter._make_doc, document)
        for pipe_name, pipe in nlp.pipeline:
            doc = timed_call(pipe_name, pipe, doc)
        ctx = CheckContext(document, doc, doc._.cc_context, ruleset,
                           run_state=linter.run_state, kinds=KINDS)  # fmt: skip
        findings = []
        for rule in linter.rules:
            start = clock()
            produced = list(KINDS[rule.kind].evaluate(ctx, rule))
            spent[f"rule kind {rule.kind}"] += clock() - start
            ctx.produced[rule.id] = produced
            findings.extend(produced[: rule.limit] if rule.limit else produced)
        kept = timed_call("filter", linter.filter, ctx, findings)
        timed_call("result", linter.result, ctx, kept)
    spent["total"] = clock() - begin
    return dict(spent.most_common())


TEMPLATES = [
    "Our expert team offers personalised care and the latest treatments in a friendly and "
    "relaxed setting, so every patient gets the attention they deserve from day one.",
    "Book your free consultation today and discover why thousands of happy clients trust our "
    "clinic for safe, natural and lasting results that fit their busy lives.",
    "This article is for information only and does not replace the advice of your doctor, "
    "pharmacist or another qualified health professional who knows your history.",
]


def batch_documents(n: int, seed: int = 11) -> list[tuple[str, str]]:
    """``n`` generated documents: a paragraph of the corpus texts and a template paragraph
    with one word replaced by a word of another paragraph."""
    rng = random.Random(seed)
    paragraphs = [p.strip() for _, t in project_texts() + shared_texts() for p in t.split("\n\n")
                  if words_of(p) >= 20]  # fmt: skip
    out = []
    for i in range(n):
        body = rng.choice(paragraphs)
        template = rng.choice(TEMPLATES).split()
        template[rng.randrange(len(template))] = rng.choice(body.split())
        out.append((f"batch-{i:05d}.txt", f"{body}\n\n{' '.join(template)}\n"))
    return out


def batch(n: int) -> dict[str, float]:
    """One --jobs 1 run over ``n`` generated documents with the default rules (CC430 on)."""
    from claimcheck.api import Linter
    from claimcheck.cli import DOC_TIMEOUT
    from claimcheck.extract.text import parse_plain
    from claimcheck.nlp.cache import cached_pipeline
    from claimcheck.parallel import check_parallel
    from claimcheck.rules import rule_phrases

    named = batch_documents(n)
    ruleset, nlp = cached_pipeline(phrases=lambda rs: rule_phrases(rs.rules))
    linter = Linter(ruleset, nlp=nlp)
    if not any(r.kind == "crossdoc" for r in linter.rules):
        raise SystemExit("--batch: no crossdoc rule (CC430) is enabled")
    copies = 0
    start = time.perf_counter()
    for result in check_parallel(linter, (parse_plain(k, t) for k, t in named), 1, DOC_TIMEOUT):
        copies += sum(1 for f in result.findings if f.rule == "CC430")
    seconds = time.perf_counter() - start
    words = sum(words_of(t) for _, t in named)
    return {"documents": n, "words": words, "seconds": seconds, "documents_per_s": n / seconds,
            "words_per_s": words / seconds, "CC430 findings": copies}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    """Run the measurements, print tables, write JSON."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=1.0, help="corpus size in MB (default 1)")
    ap.add_argument("--repeat", type=int, default=3, help="rounds; the fastest counts")
    ap.add_argument("--skip-proselint", action="store_true")
    ap.add_argument("--skip-memory", action="store_true")
    ap.add_argument("--skip-cold", action="store_true")
    ap.add_argument("--profile", action="store_true", help="per-component profile (--jobs 1)")
    ap.add_argument("--batch", type=int, default=0, metavar="N",
                    help="time N generated documents in one run, CC430 on")  # fmt: skip
    ap.add_argument("--memory-child", type=int, default=0, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.memory_child:
        memory_child(args.memory_child)
        return 0
    named = list(corpus(int(args.mb * 1_000_000)))
    texts = [t for _, t in named]
    words = sum(words_of(t) for t in texts)
    size = sum(len(t.encode("utf-8")) for t in texts)
    print(f"corpus: {len(texts)} documents, {size / 1e6:.2f} MB, {words} words, "
          f"{os.cpu_count()} CPUs")  # fmt: skip
    seconds: dict[str, float] = {}
    for _ in range(args.repeat):  # interleaved rounds; the best round counts (shared machine)
        for k, v in {**floors(texts), **claimcheck_runs(named, (1, 2))}.items():
            seconds[k] = min(v, seconds.get(k, v))
    if not args.skip_proselint:
        seconds.update(proselint_run(texts))
    base = words / seconds["tokenizer"]
    rows = {k: {"seconds": s, "words_per_s": words / s, "vs_tokenizer": words / s / base}
            for k, s in seconds.items()}  # fmt: skip
    print("\n| run | s | words/s | x tokenizer |\n|---|---|---|---|")
    for k, r in rows.items():
        print(f"| {k} | {r['seconds']:.2f} | {r['words_per_s']:,.0f} | {r['vs_tokenizer']:.3f} |")
    speedup = seconds["claimcheck --jobs 1"] / seconds["claimcheck --jobs 2"]
    print(f"\n--jobs 2 speed-up over --jobs 1: {speedup:.2f}x (target >= 1.7x); "
          f"--jobs 1 at {rows['claimcheck --jobs 1']['vs_tokenizer']:.1%} of the tokenizer "
          "(target >= 33%)")  # fmt: skip
    payload: dict[str, object] = {"corpus": {"documents": len(texts), "bytes": size,
                                             "words": words}, "throughput": rows,
                                  "jobs2_speedup": speedup}  # fmt: skip
    if not args.skip_cold:
        cold = cold_start()
        payload["cold_start"] = cold
        print("\n| cold start | s |\n|---|---|")
        for k, v in cold.items():
            print(f"| {k} | {v:.2f} |" if isinstance(v, float) else f"| {k} | {v} |")
        gap = cold["claimcheck, warm cache"] - cold["bare spaCy start"]
        print(f"claimcheck (warm cache) - bare spaCy: {gap:+.2f} s (target <= +0.5 s)")
    if args.profile:
        parts = profile(named)
        payload["profile"] = parts
        total = parts["total"]
        print("\n| part (--jobs 1, one pass) | s | share |\n|---|---|---|")
        for k, v in parts.items():
            print(f"| {k} | {v:.2f} | {v / total:.1%} |")
        print(f"tokenizer floor in this run: {seconds['tokenizer']:.2f} s")
    if args.batch:
        result = batch(args.batch)
        payload["batch"] = result
        print(f"\nbatch: {result['documents']:,} generated documents, {result['words']:,} words, "
              f"--jobs 1 with CC430: {result['seconds']:.1f} s ({result['documents_per_s']:.0f} "
              f"documents/s, {result['words_per_s']:,.0f} words/s), "
              f"{result['CC430 findings']:,} CC430 findings")  # fmt: skip
    if not args.skip_memory:
        mem = memory()
        payload["peak_rss_mb"] = mem
        ratio = mem["10000 documents"] / mem["1000 documents"]
        print("\n| peak RSS | MB |\n|---|---|")
        for k, v in mem.items():
            print(f"| {k} | {v:.0f} |")
        print(f"10,000 / 1,000 documents: {ratio:.2f}x (target <= 1.2x)")
    print(f"\nresults: {write_results('speed', payload)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
