"""The library entry point: a Linter checks Documents and returns FileResults. It never prints."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from spacy.language import Language
from spacy.tokens import Doc

from claimcheck import filters
from claimcheck.document import Document
from claimcheck.errors import InputError
from claimcheck.findings import Finding, Severity
from claimcheck.inputs.load import Unparsed
from claimcheck.inputs.load import guarded as load_guarded
from claimcheck.lexicon.loader import load_lexicon
from claimcheck.lexicon.model import Rule, RuleSet
from claimcheck.nlp.components import BLOCKS_KEY, LINKS_KEY, TEXT_KEY
from claimcheck.nlp.pipeline import build_nlp
from claimcheck.resultcache import ResultCache
from claimcheck.results import FileResult, error_result, internal_error, text_digest
from claimcheck.rules import KIND_SPECS, KINDS, select_rules
from claimcheck.rules.base import CheckContext
from claimcheck.scoring import risk_score

log = logging.getLogger(__name__)

__all__ = [  # FileResult and its error builders live in claimcheck.results (re-exported)
    "CheckOptions", "FileResult", "Item", "Linter", "check_file", "check_text", "error_result",
    "guarded", "internal_error",
]  # fmt: skip

Item = Document | Unparsed | InputError  # an input: parsed, read but not parsed, or failed


@dataclass(frozen=True)
class CheckOptions:
    """Which rules run and which findings are kept."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    preview: bool = False
    min_severity: Severity = Severity.INFO
    batch_size: int = 32
    check_quotes: bool = False  # claims inside blockquotes are someone else's words
    per_path: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (glob, ignored selectors)
    keep_text: bool = False  # FileResult.text: the checked text, for reports that show it


class Linter:
    """Builds the spaCy pipeline once for a rule set and checks any number of documents."""

    def __init__(
        self,
        ruleset: RuleSet | None = None,
        options: CheckOptions | None = None,
        nlp: Language | None = None,
    ) -> None:
        self.ruleset = ruleset or load_lexicon()
        self.options = options or CheckOptions()
        self.rules = [  # severity is the rule's: rules below the threshold never run
            r for r in select_rules(
                self.ruleset.rules, self.options.select, self.options.ignore, self.options.preview
            )
            if Severity.parse(r.severity) >= self.options.min_severity
        ]  # fmt: skip
        # kinds that read other rules' findings run after those, and run-level kinds last (as
        # they do in the parent under --jobs); a stable sort keeps the id order otherwise
        self.rules.sort(key=lambda r: (KIND_SPECS[r.kind].run_level,
                                       KIND_SPECS[r.kind].reads_findings))  # fmt: skip
        self.nlp = nlp if nlp is not None else build_nlp(self.ruleset)  # prebuilt: nlp/cache.py
        self.run_state: dict[str, object] = {}  # cross-document rule state for this run
        self.result_cache: ResultCache | None = None  # documents checked before, by content
        self.unscored_kinds = self.ruleset.kinds_where(science=True)  # not in the risk score

    def check_document(self, document: Document) -> FileResult:
        """Check one document."""
        return next(self.check_many([document]))

    def check_many(self, inputs: Iterable[Item]) -> Iterator[FileResult]:
        """Check a stream of documents in batches; input errors pass through as results."""
        batch: list[Item] = []
        for item in inputs:
            batch.append(item)
            if len(batch) >= self.options.batch_size:
                yield from self._run(batch)
                batch = []
        if batch:
            yield from self._run(batch)

    def _run(self, batch: Sequence[Item]) -> Iterator[FileResult]:
        """Check the documents of a batch, keeping input order."""
        for item in self.contexts(batch):
            if isinstance(item, FileResult):
                yield item
            else:
                yield guarded(item.document, self._check, item)

    def contexts(self, batch: Sequence[Item]) -> Iterator[FileResult | CheckContext]:
        """Run the pipeline over a batch: each input's CheckContext, or its error result.

        Unparsed inputs are parsed first. A failure inside the pipeline (a bug) must not lose
        the batch: the documents are then processed one by one, and the one that fails becomes
        an error result naming it.
        """
        items = [_parsed(item) if isinstance(item, Unparsed) else item for item in batch]
        documents = [d for d in items if isinstance(d, Document)]
        processed: Iterator[Doc | None]
        try:
            processed = iter(list(self.nlp.pipe(self._make_doc(d) for d in documents)))
        except Exception:
            log.debug("batch failed; processing its documents one by one", exc_info=True)
            processed = iter([None] * len(documents))
        for item in items:
            if isinstance(item, InputError):
                yield error_result(item)
                continue
            doc = next(processed)
            try:
                if doc is None:
                    doc = self.nlp(self._make_doc(item))
                ctx = CheckContext(item, doc, doc._.cc_context, self.ruleset,
                                   run_state=self.run_state, kinds=KINDS)  # fmt: skip
            except Exception as exc:
                yield internal_error(item, exc)
            else:
                yield ctx

    def _make_doc(self, document: Document) -> Doc:
        """Tokenize and attach the document's blocks and links for the components.

        The tokenizer is called directly, without ``nlp.make_doc``'s ``max_length`` check
        (1,000,000 characters): that limit guards the parser's and NER's memory, and this
        pipeline has neither. Its memory and time grow linearly with the text (measured with
        ``bench/hostile.py``: 2 MB in 10 s and 0.45 GB peak, 10 MB in 50 s and 1.55 GB), so
        ``--max-bytes`` (10 MB by default) is the only size limit.
        """
        doc = self.nlp.tokenizer(document.text)
        doc.user_data[TEXT_KEY] = document.text  # spaCy's tokenizer keeps the text exactly
        doc.user_data[BLOCKS_KEY] = tuple((b.start, b.end, b.role) for b in document.blocks)
        doc.user_data[LINKS_KEY] = tuple((lk.start, lk.end, lk.href) for lk in document.links)
        return doc

    def _check(self, ctx: CheckContext) -> FileResult:
        """Evaluate the enabled rules on a processed document and filter their findings."""
        return self.result(ctx, self.filter(ctx, self.evaluate(ctx)))

    def evaluate(self, ctx: CheckContext, rules: Sequence[Rule] | None = None) -> list[Finding]:
        """The findings of ``rules`` (default: the enabled rules) for one document, unfiltered."""
        findings: list[Finding] = []
        for rule in self.rules if rules is None else rules:
            produced = list(KINDS[rule.kind].evaluate(ctx, rule))
            ctx.produced[rule.id] = produced  # a later rule may build on them (spun copies)
            findings.extend(produced[: rule.limit] if rule.limit else produced)
        return findings

    def filter(self, ctx: CheckContext, findings: list[Finding]) -> list[Finding]:
        """Apply the quote policy, per-path ignores and suppressions judged against all the
        enabled rules (also when some of them ran in another process)."""
        opts = self.options
        return filters.finish(ctx, findings, self.rules, opts.check_quotes, opts.per_path)

    def result(self, ctx: CheckContext, findings: Iterable[Finding]) -> FileResult:
        """The FileResult of a document: its findings, claims, word count and score."""
        analysis, doc = ctx.analysis, ctx.doc
        words = int(doc.to_array(["IS_ALPHA", "LIKE_NUM"]).any(axis=1).sum()) if len(doc) else 0
        kept = tuple(findings)
        return FileResult(
            origin=ctx.document.origin, findings=kept, words=words,
            claims=tuple(ctx.positioned(c) for c in analysis.claims),  # with source lines
            text=ctx.document.text if self.options.keep_text else None,
            score=risk_score(analysis.claims, analysis.modifiers, words, kept,
                             self.unscored_kinds),
            notes=ctx.document.notes, digest=text_digest(ctx.document.text),
            submission=ctx.document.submission,
        )  # fmt: skip


def _parsed(item: Unparsed) -> Document | InputError:
    """Parse an input read earlier; a failure becomes its one-line InputError."""
    return load_guarded(item.origin, item.parse)


def guarded(document: Document, check: Callable[..., FileResult], *args: Any) -> FileResult:
    """``check(*args)``, or the document's error result when it raises (an internal error)."""
    try:
        return check(*args)
    except Exception as exc:
        return internal_error(document, exc)


TEXT_FORMATS = {"text": "txt", "markdown": "md", "html": "html", "article": "article"}


def check_text(
    text: str,
    origin: str = "<text>",
    linter: Linter | None = None,
    *,
    format: Literal["text", "markdown", "html", "article"] = "text",
    config: CheckOptions | None = None,
) -> FileResult:
    """Check a string: plain ``text``, ``markdown``, an ``html`` page, or the main ``article``
    of an HTML page. ``config`` chooses rules and thresholds (``CheckOptions``); a ``linter``
    reuses a pipeline and keeps one run's cross-document state. A text that cannot be parsed
    gives a result with ``error`` set, never an exception."""
    from claimcheck.inputs.load import FORMATS

    if format not in TEXT_FORMATS:
        raise ValueError(f"format must be one of {', '.join(TEXT_FORMATS)}, not {format!r}")
    try:
        document = FORMATS[TEXT_FORMATS[format]](origin, text)
    except InputError as exc:
        return error_result(exc)
    if linter is None:
        ruleset, nlp = _default_pipeline()
        linter = Linter(ruleset, options=config, nlp=nlp)
    elif config is not None:
        raise ValueError("give either a linter or a config: a linter has its own options")
    return linter.check_document(document)


def check_file(path: str | Path, linter: Linter | None = None) -> FileResult:
    """Check one file of any supported format."""
    from claimcheck.inputs import LoadOptions, iter_inputs

    item = next(iter_inputs([str(path)], LoadOptions()))
    if isinstance(item, Unparsed):
        item = _parsed(item)
    lint = linter or _default_linter()
    return error_result(item) if isinstance(item, InputError) else lint.check_document(item)


@functools.cache
def _default_pipeline() -> tuple[RuleSet, Language]:
    """The default pack and its pipeline, built once per process for the helpers above."""
    ruleset = load_lexicon()
    return ruleset, build_nlp(ruleset)


def _default_linter() -> Linter:
    """A Linter on the default pipeline; a new one per call, so each call is its own run
    (cross-document state does not carry over between calls)."""
    ruleset, nlp = _default_pipeline()
    return Linter(ruleset, nlp=nlp)
