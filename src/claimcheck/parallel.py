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

from claimcheck.api import FileResult, Linter, guarded, internal_error
from claimcheck.claims import DocContext
from claimcheck.document import Document
from claimcheck.errors import InputError
from claimcheck.lexicon.model import Rule
from claimcheck.rules import KINDS
from claimcheck.rules.base import CheckContext, RunLevelKind
from claimcheck.rules.crossdoc import RUN_STATE_KEY

RUN_LEVEL_KINDS = frozenset({"crossdoc"})

Item = Document | InputError
Prepared = dict[str, Any]  # run-level rule id -> its kind's prepare() output
Checked = tuple[FileResult, DocContext | None, Prepared]

_worker: tuple[Linter, list[Rule], list[Rule]] | None = None  # Linter, local and run-level rules


def check_parallel(linter: Linter, inputs: Iterable[Item], jobs: int) -> Iterator[FileResult]:
    """Like ``linter.check_many`` spread over ``jobs`` processes: same results, same order."""
    if jobs <= 1:
        yield from linter.check_many(inputs)
        return
    run_rules = [r for r in linter.rules if r.kind in RUN_LEVEL_KINDS]
    local_rules = [r for r in linter.rules if r.kind not in RUN_LEVEL_KINDS]
    pending: deque[tuple[list[Item], Future[list[Checked]]]] = deque()
    with _pool((linter, local_rules, run_rules), jobs) as pool:
        for batch in _batches(inputs, linter.options.batch_size):
            pending.append((batch, pool.submit(_check_batch, batch)))
            if len(pending) >= 2 * jobs:
                yield from _finish(linter, run_rules, *pending.popleft())
        while pending:
            yield from _finish(linter, run_rules, *pending.popleft())


def _batches(inputs: Iterable[Item], size: int) -> Iterator[list[Item]]:
    """Consecutive lists of at most ``size`` inputs."""
    it = iter(inputs)
    while batch := list(islice(it, max(size, 1))):
        yield batch


def _pool(worker: tuple[Linter, list[Rule], list[Rule]], jobs: int) -> ProcessPoolExecutor:
    """A pool whose workers hold the linter and know which of its rules they run."""
    global _worker
    if "fork" in mp.get_all_start_methods():
        _worker = worker  # inherited by forked workers: nothing rebuilt or pickled
        return ProcessPoolExecutor(jobs, mp_context=mp.get_context("fork"))
    return ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=(worker,))


def _init_worker(worker: tuple[Linter, list[Rule], list[Rule]]) -> None:
    """Install the Linter of a spawned worker."""
    global _worker
    _worker = worker


def _check_batch(batch: list[Item]) -> list[Checked]:
    """Worker side: run the pipeline and the document-local rules; findings stay unfiltered
    (the parent filters them once the run-level findings are in), and each document's
    context and run-level ``prepare()`` data go back with them."""
    if _worker is None:
        raise RuntimeError("claimcheck worker process started without a Linter")
    linter, local_rules, run_rules = _worker
    out: list[Checked] = []
    for item in linter.contexts(batch):
        if isinstance(item, FileResult):
            out.append((item, None, {}))
            continue
        try:
            prepared = {r.id: cast(RunLevelKind, KINDS[r.kind]).prepare(item, r) for r in run_rules}
            raw = linter.result(item, linter.evaluate(item, local_rules))
        except Exception as exc:
            out.append((internal_error(item.document, exc), None, {}))
        else:
            out.append((raw, item.context, prepared))
    return out


def _finish(
    linter: Linter, run_rules: list[Rule], batch: list[Item], future: Future[list[Checked]]
) -> Iterator[FileResult]:
    """Parent side: wait for a batch, add the run-level findings in input order, filter."""
    for item, (raw, context, prepared) in zip(batch, future.result(), strict=True):
        if context is None or not isinstance(item, Document):
            yield raw
            continue
        doc = Doc(linter.nlp.vocab)  # empty: run-level kinds read the workers' prepare()
        doc.user_data[RUN_STATE_KEY] = linter.run_state
        ctx = CheckContext(item, doc, context, linter.ruleset, prepared)
        yield guarded(item, _complete, linter, run_rules, ctx, raw)


def _complete(
    linter: Linter, run_rules: list[Rule], ctx: CheckContext, raw: FileResult
) -> FileResult:
    """A worker's result with the run-level findings added and all findings filtered."""
    found = [*raw.findings, *linter.evaluate(ctx, run_rules)]
    return replace(raw, findings=tuple(linter.filter(ctx, found)))
