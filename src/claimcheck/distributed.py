"""Check documents on a Dask cluster, with the results of a local run, in input order.

    from dask.distributed import Client, LocalCluster
    from claimcheck.distributed import as_input, check_bag

    with LocalCluster(n_workers=2, threads_per_worker=1) as cluster, Client(cluster) as client:
        for result in check_bag([as_input("a.md", text, "markdown")], client=client):
            ...

The check is a function over the partitions of a ``dask.bag``: each partition's inputs are
parsed, run through the pipeline and the document-local rules where the partition lives, and
the run-level rules' document-local part (``prepare``: CC430's MinHash signatures) runs there
too (claimcheck.runlevel). The driver then runs the run-level pass over the partitions'
answers in input order, so templates repeated across partitions are found as in one process,
and each result equals ``Linter.check_many``'s. Partitions are computed a few ahead of the one
the driver is reading (``ahead``), and each one's answers are let go once it is read: neither
the driver nor the cluster holds the whole run.

Each worker process builds its Linter once, from the pipeline cache, for a set of lexicon
folders and options (the folders must exist at the same path on every worker), and keeps it
for later partitions and later runs: the spaCy pipeline is never sent with a task. The
Linter is not shared by two threads at once: give workers one thread each
(``threads_per_worker=1``); a worker with more threads checks one partition at a time.

Dask is an optional extra (``pip install 'claimcheck[dask]'``), imported only when used.
"""

from __future__ import annotations

import os
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from spacy.language import Language

from claimcheck.api import TEXT_FORMATS, CheckOptions, Item, Linter
from claimcheck.inputs.load import Unparsed
from claimcheck.lexicon.model import Rule, RuleSet
from claimcheck.results import FileResult
from claimcheck.runlevel import Checked, check_items, finish, split_rules

if TYPE_CHECKING:
    from dask.bag import Bag
    from dask.delayed import Delayed
    from distributed import Client

INSTALL = "claimcheck.distributed needs Dask: pip install 'claimcheck[dask]'"

Setup = tuple[Linter, list[Rule], list[Rule], threading.Lock]  # Linter, local and run rules
_linters: dict[tuple[tuple[str, ...], CheckOptions], Setup] = {}  # one per worker process
_lock = threading.RLock()  # guards the two caches below


def as_input(
    origin: str, text: str, format: Literal["text", "markdown", "html", "article"] = "text"
) -> Unparsed:
    """A text to check, as a small picklable input parsed where it is checked (the formats of
    ``check_text``)."""
    if format not in TEXT_FORMATS:
        raise ValueError(f"format must be one of {', '.join(TEXT_FORMATS)}, not {format!r}")
    return Unparsed.of_bytes(origin, text.encode("utf-8"), TEXT_FORMATS[format])


def check_bag(
    items: Bag | Iterable[Item],
    *,
    lexicons: Sequence[str | Path] = (),
    options: CheckOptions | None = None,
    npartitions: int | None = None,
    client: Client | None = None,
    ahead: int | None = None,
) -> Iterator[FileResult]:
    """Check a ``dask.bag`` of inputs (or any iterable of them) on a Dask cluster.

    ``items`` are :class:`~claimcheck.document.Document`, :class:`Unparsed` (see
    :func:`as_input`) or InputError records; an iterable is made into a bag of
    ``npartitions`` partitions (default: about 100 inputs each). ``lexicons`` and ``options``
    are those of a ``Linter`` (extra lexicon folders, ``CheckOptions``). ``client`` is a
    ``distributed.Client`` (default: the current one; without any, Dask's default scheduler
    computes ``ahead`` partitions at a time). At most ``ahead`` partitions (default: twice the
    cluster's threads) are computed and not yet read. Yields one FileResult per input, in
    input order, equal to ``Linter(...).check_many``'s on the same inputs.
    """
    db = _dask_bag()
    bag: Any = items
    if not isinstance(items, db.Bag):
        listed = list(items)
        parts = npartitions or max(1, -(-len(listed) // 100))
        bag = db.from_sequence(listed, npartitions=max(1, min(parts, len(listed))))
    folders = tuple(str(Path(p).resolve()) for p in lexicons)
    opts = options or CheckOptions()
    linter = _linter(folders, opts)  # the driver's own: one run, one run_state
    _, run_rules = split_rules(linter)
    checked = bag.map_partitions(partial(check_partition, lexicons=folders, options=opts))
    for answers in _in_order(checked.to_delayed(), _client(client), ahead):
        for answer in answers:
            yield finish(linter, run_rules, answer)


def check_partition(
    items: Iterable[Item], *, lexicons: tuple[str, ...], options: CheckOptions
) -> list[Checked]:
    """Worker side: the document-local answers of a partition's inputs, in order."""
    linter, local_rules, run_rules, lock = _setup(lexicons, options)
    with lock:
        return list(check_items(linter, local_rules, run_rules, items))


def _setup(lexicons: tuple[str, ...], options: CheckOptions) -> Setup:
    """This process's Linter for ``lexicons`` and ``options``, built on first use."""
    key = (lexicons, options)
    with _lock:
        if key not in _linters:
            linter = _linter(lexicons, options)
            _linters[key] = (linter, *split_rules(linter), threading.Lock())
        return _linters[key]


def _linter(lexicons: tuple[str, ...], options: CheckOptions) -> Linter:
    """A new Linter (a new run) on this process's pipeline for ``lexicons``."""
    ruleset, nlp = _pipeline(lexicons)
    return Linter(ruleset, options, nlp=nlp)


_pipelines: dict[tuple[str, ...], tuple[RuleSet, Language]] = {}


def _pipeline(lexicons: tuple[str, ...]) -> tuple[RuleSet, Language]:
    """The RuleSet and spaCy pipeline for the default pack plus ``lexicons``, built once per
    process (from the on-disk pipeline cache, as the command line builds them)."""
    from claimcheck.nlp.cache import cached_pipeline
    from claimcheck.rules import rule_phrases

    with _lock:
        if lexicons not in _pipelines:
            _pipelines[lexicons] = cached_pipeline(
                [Path(p) for p in lexicons], lambda rs: rule_phrases(rs.rules)
            )
        return _pipelines[lexicons]


def _in_order(parts: Sequence[Delayed], client: Any, ahead: int | None) -> Iterator[list[Checked]]:
    """Each partition's answers, in partition order, with at most ``ahead`` computed ahead.

    ``client`` is a ``distributed.Client`` or None (typed Any: its methods are untyped).
    """
    if client is None:  # Dask's default scheduler: a window of partitions at a time
        import dask.base

        compute: Any = dask.base.compute  # untyped
        window = max(1, ahead or os.cpu_count() or 1)
        for start in range(0, len(parts), window):
            yield from compute(*parts[start : start + window])
        return
    window = max(1, ahead or 2 * sum(client.nthreads().values()))
    submit = _submitter(client)
    waiting = iter(parts)
    pending: deque[Any] = deque()  # distributed.Future, oldest first
    try:
        for part in waiting:
            pending.append(submit(part))
            if len(pending) >= window:
                break
        while pending:
            future = pending.popleft()
            following = next(waiting, None)
            if following is not None:
                pending.append(submit(following))
            answers: list[Checked] = future.result()
            future.release()  # read: the cluster may forget it
            yield answers
    finally:
        if pending:  # the consumer stopped early: nothing left running for it
            client.cancel(list(pending))


def _submitter(client: Any) -> Any:
    """A function that submits one partition's Delayed with only the tasks it needs.

    The Delayed objects of ``Bag.to_delayed`` share the whole bag's graph, and
    ``client.compute`` would send all of it with every partition (time and scheduler memory
    growing with the run). The graph is made a dict once and cut to each partition's tasks.
    """
    from dask.optimization import cull as cut

    cull: Any = cut  # untyped
    graphs: dict[int, dict[Any, Any]] = {}

    def submit(part: Delayed) -> Any:
        shared = part.__dask_graph__()
        graph = graphs.get(id(shared))
        if graph is None:
            graphs.clear()  # one graph at a time: to_delayed gives one for all partitions
            graph = graphs[id(shared)] = dict(shared)
        needed, _ = cull(graph, [part.key])
        return client.get(needed, part.key, sync=False)

    return submit


def _client(client: Client | None) -> Any:
    """The given client, else the current ``distributed`` client, else None."""
    if client is not None:
        return client
    try:
        import distributed
    except ImportError:
        return None
    current: Any = distributed.default_client  # untyped
    try:
        return current()
    except ValueError:  # no client made in this process
        return None


def _dask_bag() -> Any:
    """The ``dask.bag`` module, or an ImportError that says how to install it."""
    try:
        import dask.bag
    except ImportError:
        raise ImportError(INSTALL) from None
    return dask.bag
