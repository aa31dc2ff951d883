"""Check documents in supervised worker processes, with results in input order.

spaCy's own ``nlp.pipe(n_process=...)`` ships every Doc between processes and was slower than
one process on short articles. Here each worker holds one Linter (built once: inherited through
``fork``, or pickled once to a ``spawn``ed worker) and receives batches of inputs; only the
small FileResults come back, one message per document as it is finished.

The parent supervises: a document that takes longer than ``doc_timeout`` seconds gets its
worker killed (a stuck regex or a runaway loop cannot be interrupted any other way) and a
one-line error, and a worker that dies (killed, out of memory, a crash in native code) costs
only the document it was checking. Either way a new worker takes over the rest of the batch,
so the run goes on. Inputs read but not yet parsed (:class:`~claimcheck.inputs.load.Unparsed`)
are parsed in the worker, under the same deadline. At most ``2 * jobs`` batches are in flight,
so memory stays flat however many documents are streamed.

Rules of run-level kinds (``crossdoc``: state shared by all documents of a run) cannot run in
the workers. Their document-local part (``prepare``: passages and signatures) runs in the
workers, and the parent only evaluates them in input order on that data
(claimcheck.runlevel, shared with claimcheck.distributed).
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing.connection import Connection, wait
from typing import Any

from claimcheck.api import Item, Linter
from claimcheck.errors import InputError
from claimcheck.lexicon.model import Rule
from claimcheck.results import FileResult, error_result
from claimcheck.runlevel import Checked, check_items, check_one, finish, split_rules

Setup = tuple[Linter, list[Rule], list[Rule]]  # the Linter, local and run-level rules


def check_parallel(
    linter: Linter, inputs: Iterable[Item], jobs: int, doc_timeout: float | None = None
) -> Iterator[FileResult]:
    """Like ``linter.check_many`` in ``jobs`` supervised processes: same results, same order.

    With one job and no ``doc_timeout`` the documents are checked in this process. Otherwise
    each document gets at most ``doc_timeout`` seconds (``None``: no limit) of a worker.
    """
    if jobs <= 1 and doc_timeout is None and linter.result_cache is None:
        yield from linter.check_many(inputs)
        return
    if jobs <= 1 and doc_timeout is None:  # in this process, through the result cache
        local_rules, run_rules = split_rules(linter)
        for checked in check_items(linter, local_rules, run_rules, inputs):
            yield finish(linter, run_rules, checked)
        return
    local_rules, run_rules = split_rules(linter)
    pool = _Pool((linter, local_rules, run_rules), max(jobs, 1), doc_timeout)
    try:
        for _item, checked in pool.run(_batches(inputs, linter.options.batch_size)):
            yield finish(linter, run_rules, checked)
    finally:
        pool.close()


def _batches(inputs: Iterable[Item], size: int) -> Iterator[list[Item]]:
    """Consecutive lists of at most ``size`` inputs."""
    it = iter(inputs)
    while batch := list(islice(it, max(size, 1))):
        yield batch


@dataclass
class _Worker:
    """One worker process, its end of the pipe, and the inputs it has not answered yet."""

    process: Any  # multiprocessing.Process (fork or spawn context)
    conn: Connection
    todo: deque[int] = field(default_factory=deque)  # input numbers, in the order sent
    since: float = 0.0  # when its current document started

    @property
    def busy(self) -> bool:
        return bool(self.todo)


class _Pool:
    """Workers fed with batches; answers reordered into input order; stuck or dead workers
    replaced, costing one document each."""

    def __init__(self, setup: Setup, jobs: int, doc_timeout: float | None) -> None:
        self.setup = setup
        self.jobs = jobs
        self.doc_timeout = doc_timeout
        self.fork = "fork" in mp.get_all_start_methods()
        self.mp_context: Any = mp.get_context("fork" if self.fork else "spawn")
        self.workers: list[_Worker] = []
        self.items: dict[int, Item] = {}  # input number -> input, until its answer is out
        self.answers: dict[int, Checked] = {}
        self.waiting: deque[list[int]] = deque()  # batches not yet sent to a worker

    def run(self, batches: Iterator[list[Item]]) -> Iterator[tuple[Item, Checked]]:
        """Yield every input with its answer, in input order."""
        self.workers = [self._start() for _ in range(self.jobs)]
        numbered = 0
        following = 0  # the next input number to yield
        exhausted = False
        while True:
            while not exhausted and len(self.waiting) + self._in_flight() < 2 * self.jobs:
                batch = next(batches, None)
                if batch is None:
                    exhausted = True
                    break
                numbers = []
                for item in batch:
                    self.items[numbered] = item
                    if isinstance(item, InputError):  # nothing to check: answered at once
                        self.answers[numbered] = (error_result(item), None, None, {})
                    else:
                        numbers.append(numbered)
                    numbered += 1
                if numbers:
                    self.waiting.append(numbers)
            self._dispatch()
            while following in self.answers:
                yield self.items.pop(following), self.answers.pop(following)
                following += 1
            if exhausted and following == numbered:
                return
            self._collect()

    def _in_flight(self) -> int:
        """Batches sent to workers and not fully answered (about one per busy worker)."""
        return sum(1 for w in self.workers if w.busy)

    def _dispatch(self) -> None:
        """Give waiting batches to idle workers."""
        for worker in self.workers:
            if not self.waiting:
                return
            if not worker.busy:
                numbers = self.waiting.popleft()
                worker.conn.send([(n, self.items[n]) for n in numbers])
                worker.todo.extend(numbers)
                worker.since = time.monotonic()

    def _collect(self) -> None:
        """Wait for an answer, a dead worker or a deadline, and deal with what happened."""
        busy = [w for w in self.workers if w.busy]
        if not busy:
            return
        timeout = None
        if self.doc_timeout is not None:
            now = time.monotonic()
            timeout = max(0.0, min(w.since + self.doc_timeout - now for w in busy))
        ready = wait([w.conn for w in busy], timeout)
        for worker in busy:
            if worker.conn in ready:
                self._receive(worker)
        if self.doc_timeout is not None:
            now = time.monotonic()
            for worker in busy:
                if worker.busy and now - worker.since >= self.doc_timeout:
                    seconds = f"{self.doc_timeout:g}"
                    self._replace(worker, f"stopped after {seconds} s (--doc-timeout): "
                                          "checking this input took too long")  # fmt: skip

    def _receive(self, worker: _Worker) -> None:
        """Read one answer from ``worker``; a closed pipe means the worker died."""
        try:
            number, checked = worker.conn.recv()
        except (EOFError, OSError):
            worker.process.join(1)
            code = worker.process.exitcode
            how = f"killed by signal {-code}" if code is not None and code < 0 else \
                f"exited with code {code}"  # fmt: skip
            self._replace(worker, f"the worker process checking it died ({how})")
            return
        self.answers[number] = checked
        worker.todo.popleft()
        worker.since = time.monotonic()

    def _replace(self, worker: _Worker, reason: str) -> None:
        """Fail ``worker``'s current input, stop it, and give the rest of its batch to a new one."""
        number = worker.todo.popleft()
        origin = self.items[number].origin
        self.answers[number] = (FileResult(origin=origin, error=reason), None, None, {})
        rest = list(worker.todo)
        worker.todo.clear()
        _stop(worker)
        if rest:
            self.waiting.appendleft(rest)
        self.workers[self.workers.index(worker)] = self._start()

    def _start(self) -> _Worker:
        """A new worker process holding the Linter."""
        parent, child = self.mp_context.Pipe()
        if self.fork:
            global _setup
            _setup = self.setup  # inherited by the forked child: nothing rebuilt or pickled
            process = self.mp_context.Process(target=_serve, args=(child, None), daemon=True)
        else:
            process = self.mp_context.Process(target=_serve, args=(child, self.setup), daemon=True)
        process.start()
        child.close()
        return _Worker(process, parent)

    def close(self) -> None:
        """Stop every worker (also on Ctrl-C or when the consumer stops early)."""
        for worker in self.workers:
            with contextlib.suppress(OSError, ValueError):
                worker.conn.send(None)
        deadline = time.monotonic() + 2.0
        for worker in self.workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            _stop(worker)
        self.workers = []


def _stop(worker: _Worker) -> None:
    """Kill a worker process if it still runs, and release its pipe."""
    if worker.process.is_alive():
        worker.process.kill()
        worker.process.join(5)
    worker.conn.close()


_setup: Setup | None = None  # the forked worker's Linter and rules (set by the parent)


def _serve(conn: Connection, setup: Setup | None) -> None:
    """Worker loop: receive batches, answer each input as soon as it is checked."""
    global _setup
    if setup is not None:
        _setup = setup
    if _setup is None:
        raise RuntimeError("claimcheck worker process started without a Linter")
    linter, local_rules, run_rules = _setup
    try:
        while (batch := conn.recv()) is not None:
            for number, item in batch:
                conn.send((number, check_one(linter, local_rules, run_rules, item)))
    except (EOFError, KeyboardInterrupt, BrokenPipeError):
        return

