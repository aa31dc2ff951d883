"""Check documents in worker processes, in batches, with results in input order.

spaCy's own ``nlp.pipe(n_process=...)`` ships every Doc between processes and was slower than
one process on short articles. Here each worker holds one Linter (built once: inherited through
``fork``, or pickled once to a ``spawn``ed worker) and receives whole batches of Documents;
only the small FileResults come back. At most ``2 * jobs`` batches are in flight, so memory
stays flat however many documents are streamed.

Rules of run-level kinds (``crossdoc``: state shared by all documents of a run) cannot run in
the workers. Their document-local part (``prepare``: passages and shingle hashes) runs in the
workers, and the parent only evaluates them in input order on that data: it neither tokenizes
nor parses the documents again.
"""

from __future__ import annotations

import multiprocessing as mp
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import replace
from itertools import islice
from typing import Any, cast

from spacy.tokens import Doc

from claimcheck.api import FileResult, Linter, error_result
from claimcheck.claims import DocContext
from claimcheck.document import Document
from claimcheck.errors import InputError
from claimcheck.findings import Finding
from claimcheck.lexicon.model import Rule
from claimcheck.rules import KINDS
from claimcheck.rules.base import CheckContext, RunLevelKind
from claimcheck.rules.crossdoc import RUN_STATE_KEY

RUN_LEVEL_KINDS = frozenset({"crossdoc"})

Item = Document | InputError
Prepared = dict[str, Any]  # run-level rule id -> its kind's prepare() output
Checked = tuple[FileResult, DocContext | None, Prepared]

_worker: tuple[Linter, list[Rule]] | None = None  # this worker's Linter and run-level rules


def check_parallel(linter: Linter, inputs: Iterable[Item], jobs: int) -> Iterator[FileResult]:
    """Like ``linter.check_many`` spread over ``jobs`` processes: same results, same order."""
    if jobs <= 1:
        yield from linter.check_many(inputs)
        return
    run_level = Linter(linter.ruleset, linter.options, nlp=linter.nlp)
    run_level.rules = [r for r in linter.rules if r.kind in RUN_LEVEL_KINDS]
    pending: deque[tuple[list[Item], Future[list[Checked]]]] = deque()
    with _pool(linter, jobs) as pool:
        for batch in _batches(inputs, linter.options.batch_size):
            pending.append((batch, pool.submit(_check_batch, batch)))
            if len(pending) >= 2 * jobs:
                yield from _finish(run_level, *pending.popleft())
        while pending:
            yield from _finish(run_level, *pending.popleft())


def _batches(inputs: Iterable[Item], size: int) -> Iterator[list[Item]]:
    """Consecutive lists of at most ``size`` inputs."""
    it = iter(inputs)
    while batch := list(islice(it, max(size, 1))):
        yield batch


def _pool(linter: Linter, jobs: int) -> ProcessPoolExecutor:
    """A pool whose workers hold this linter without its run-level rules."""
    global _worker
    worker = Linter(linter.ruleset, linter.options, nlp=linter.nlp)
    worker.rules = [r for r in linter.rules if r.kind not in RUN_LEVEL_KINDS]
    run_rules = [r for r in linter.rules if r.kind in RUN_LEVEL_KINDS]
    if "fork" in mp.get_all_start_methods():
        _worker = (worker, run_rules)  # inherited by forked workers: nothing rebuilt or pickled
        return ProcessPoolExecutor(jobs, mp_context=mp.get_context("fork"))
    return ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=(worker, run_rules))


def _init_worker(worker: Linter, run_rules: list[Rule]) -> None:
    """Install the Linter of a spawned worker."""
    global _worker
    _worker = (worker, run_rules)


def _check_batch(batch: list[Item]) -> list[Checked]:
    """Worker side: check a batch, keeping each document's context for run-level rules."""
    if _worker is None:
        raise RuntimeError("claimcheck worker process started without a Linter")
    linter, run_rules = _worker
    docs = linter.nlp.pipe([linter._make_doc(d) for d in batch if isinstance(d, Document)])
    out: list[Checked] = []
    for item in batch:
        if isinstance(item, InputError):
            out.append((error_result(item), None, {}))
        else:
            ctx = linter._context(item, next(docs))
            prepared = {r.id: cast(RunLevelKind, KINDS[r.kind]).prepare(ctx, r) for r in run_rules}
            out.append((linter._result(ctx), ctx.context, prepared))
    return out


def _finish(run_level: Linter, batch: list[Item], future: Future[list[Checked]]
            ) -> Iterator[FileResult]:
    """Parent side: wait for a batch and add the findings of run-level rules, in order."""
    for item, (result, context, prepared) in zip(batch, future.result(), strict=True):
        if not run_level.rules or context is None or not isinstance(item, Document):
            yield result
            continue
        doc = Doc(run_level.nlp.vocab)  # empty: run-level kinds read the workers' prepare()
        doc.user_data[RUN_STATE_KEY] = run_level.run_state
        ctx = CheckContext(item, doc, context, run_level.ruleset, prepared)
        extra = run_level._findings(ctx)
        findings = sorted((*result.findings, *extra), key=Finding.sort_key)
        yield replace(result, findings=tuple(findings))
