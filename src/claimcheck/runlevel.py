"""A run split in two: document-local work that can run anywhere, and the run-level pass.

Rules of run-level kinds (``crossdoc``: state shared by all the documents of a run) cannot run
where the documents are checked when that is another process or machine. Their
document-local part (``prepare``: passages and MinHash signatures) runs there with the
document-local rules (:func:`check_one`, :func:`check_items`); one place then evaluates the
run-level rules on that data, in input order, and filters (:func:`finish`). Supervised worker
processes (claimcheck.parallel) and a Dask cluster (claimcheck.distributed) both use these, so
both give what ``Linter.check_many`` gives.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from itertools import islice
from typing import Any, cast

from spacy.tokens import Doc

from claimcheck.api import Item, Linter, guarded
from claimcheck.claims import DocAnalysis
from claimcheck.document import Document
from claimcheck.inputs import Unparsed
from claimcheck.lexicon.model import Rule
from claimcheck.results import FileResult, internal_error
from claimcheck.rules import KIND_SPECS, KINDS
from claimcheck.rules.base import CheckContext, RunLevelKind

Prepared = dict[str, Any]  # run-level rule id -> its kind's prepare() output
# a document's unfiltered result, the document and its analysis (None for an error result),
# and the run-level rules' prepare() data
Checked = tuple[FileResult, Document | None, DocAnalysis | None, Prepared]


def split_rules(linter: Linter) -> tuple[list[Rule], list[Rule]]:
    """The Linter's document-local rules and its run-level rules."""
    run_rules = [r for r in linter.rules if KIND_SPECS[r.kind].run_level]
    local_rules = [r for r in linter.rules if not KIND_SPECS[r.kind].run_level]
    return local_rules, run_rules


def check_one(
    linter: Linter, local_rules: list[Rule], run_rules: list[Rule], item: Item
) -> Checked:
    """Parse one input, run the pipeline and the document-local rules, and prepare the
    run-level ones. Findings stay unfiltered (:func:`finish` filters them once the run-level
    findings are in); the document, its analysis and the ``prepare()`` data go back with them.
    With the Linter's result cache, an input checked before is answered from it."""
    hit = _cached(linter, item)
    if hit is not None:
        return hit
    for ctx in linter.contexts([item]):
        return _stored(linter, item, _checked(linter, local_rules, run_rules, ctx))
    raise RuntimeError("Linter.contexts gave no answer for an input")


def check_items(
    linter: Linter, local_rules: list[Rule], run_rules: list[Rule], items: Iterable[Item]
) -> Iterator[Checked]:
    """:func:`check_one` for each input, the pipeline run over batches of the Linter's
    ``batch_size`` (as ``Linter.check_many`` runs it); cached inputs skip the pipeline."""
    it = iter(items)
    while batch := list(islice(it, max(linter.options.batch_size, 1))):
        hits = [_cached(linter, item) for item in batch]
        misses = [item for item, hit in zip(batch, hits, strict=True) if hit is None]
        fresh = linter.contexts(misses)
        for item, hit in zip(batch, hits, strict=True):
            if hit is not None:
                yield hit
            else:
                yield _stored(linter, item, _checked(linter, local_rules, run_rules, next(fresh)))


def _cached(linter: Linter, item: Item) -> Checked | None:
    """The result cache's answer for an input read as bytes, if it has one."""
    cache = linter.result_cache
    if cache is None or not isinstance(item, Unparsed) or not item.digest:
        return None
    hit: Checked | None = cache.get(item.digest, item.origin, item.submission)
    return hit


def _stored(linter: Linter, item: Item, checked: Checked) -> Checked:
    """``checked``, stored in the result cache when it is a checked document (input errors
    and internal errors are not kept: they are cheap to find again, or worth retrying)."""
    cache = linter.result_cache
    if cache is not None and isinstance(item, Unparsed) and item.digest and checked[1]:
        cache.put(item.digest, checked)
    return checked


def _checked(
    linter: Linter, local_rules: list[Rule], run_rules: list[Rule], ctx: FileResult | CheckContext
) -> Checked:
    """One input's answer from its context (or its error result)."""
    if isinstance(ctx, FileResult):
        return ctx, None, None, {}
    try:
        kinds = [(r, cast(RunLevelKind, KINDS[r.kind])) for r in run_rules]
        prepared = {r.id: kind.prepare(ctx, r) for r, kind in kinds}
        raw = linter.result(ctx, linter.evaluate(ctx, local_rules))
    except Exception as exc:
        return internal_error(ctx.document, exc), None, None, {}
    return raw, ctx.document, ctx.analysis, prepared


def finish(linter: Linter, run_rules: Sequence[Rule], checked: Checked) -> FileResult:
    """The run-level pass for one document, in input order: add the run-level findings to
    its answer (the Linter's ``run_state`` holds the run) and filter all its findings."""
    raw, document, analysis, prepared = checked
    if document is None or analysis is None:
        return raw
    doc = Doc(linter.nlp.vocab)  # empty: run-level kinds read the prepare() data
    ctx = CheckContext(document, doc, analysis, linter.ruleset, prepared,
                       run_state=linter.run_state, kinds=KINDS)  # fmt: skip
    return guarded(document, _complete, linter, run_rules, ctx, raw)


def _complete(
    linter: Linter, run_rules: Sequence[Rule], ctx: CheckContext, raw: FileResult
) -> FileResult:
    """An answer with the run-level findings added and all findings filtered."""
    found = [*raw.findings, *linter.evaluate(ctx, run_rules)]
    return replace(raw, findings=tuple(linter.filter(ctx, found)))
