"""JSON Lines for batches: one object per document, written and flushed as it is finished,
then one ``{"summary": ...}`` object.

A document's object is the ``json`` format's (``claimcheck.reporters.json``) plus
``digest`` (the checked text's content hash) and, for the records of a ``--jsonl`` batch,
``id``, ``author``, ``title`` and ``site``. Each line stands alone, so a run stopped half way
(Ctrl-C, a killed job) leaves every finished record readable, and ``check --resume`` finds
them again by source and digest (:func:`read_finished`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from claimcheck.escape import json_text
from claimcheck.lexicon.model import Rule
from claimcheck.outcome import RunSummary
from claimcheck.reporters.base import ReporterClass
from claimcheck.reporters.json import SCHEMA_VERSION, document_json, summary_json
from claimcheck.results import FileResult


class JsonLinesReporter:
    """Writes one line per document as results arrive, and the summary line at the end."""

    def __init__(
        self, out: TextIO, err: TextIO, color: bool | None, rules: Sequence[Rule] = ()
    ) -> None:
        self.out = out

    def start(self) -> None:
        """Nothing precedes the first record (a resumed run appends to the earlier ones)."""

    def result(self, result: FileResult) -> None:
        """Write and flush one document's line."""
        self.out.write(json_text(record_json(result)) + "\n")
        self.out.flush()

    def finish(self, summary: RunSummary) -> None:
        """Write the summary line."""
        data = {"version": SCHEMA_VERSION, "summary": summary_json(summary)}
        self.out.write(json_text(data) + "\n")
        self.out.flush()


def record_json(result: FileResult) -> dict[str, Any]:
    """One document's line."""
    data = document_json(result) | {"digest": result.digest}
    sub = result.submission
    if sub is not None:
        data |= {"id": sub.id, "author": sub.author, "title": sub.title, "site": sub.site}
    return data


@dataclass(frozen=True)
class Finished:
    """What an earlier run left in a JSON Lines output: the documents it finished, by
    (source, digest), and how many bytes of the file hold them (a torn last line and the
    summary line come after, to be cut off before appending)."""

    done: frozenset[tuple[str, str]]
    keep: int


def read_finished(path: str) -> Finished:
    """The finished records of ``path`` (none if it does not exist). Reading stops at the
    first line that is not a whole document record: a run stopped mid-write leaves at most
    one torn line, after every complete one."""
    done: set[tuple[str, str]] = set()
    keep = 0
    try:
        with Path(path).open("rb") as stream:
            for line in stream:
                record = _record(line)
                if record is None:
                    break
                done.add(record)
                keep += len(line)
    except FileNotFoundError:
        pass
    return Finished(frozenset(done), keep)


def _record(line: bytes) -> tuple[str, str] | None:
    """(source, digest) of a complete document line, else None."""
    if not line.endswith(b"\n"):
        return None
    try:
        data = json.loads(line)
    except ValueError:
        return None
    if not isinstance(data, dict) or "source" not in data or "summary" in data:
        return None
    return str(data["source"]), str(data.get("digest", ""))


REPORTER: ReporterClass = JsonLinesReporter  # this module is --format jsonl
