"""The highlighted article text of the HTML report, built from sorted boundary events.

Every highlight is a :class:`Mark` over ``text[start:end]`` (offsets in the checked text, as
in the JSON output). Marks overlap freely (a claim sentence holds its trigger, a finding and a
caveat), so the markup is built position by position: at each boundary the marks that end are
closed and the ones that start are opened, longest first. A mark that ends while a mark opened
after it is still open closes that one too and reopens it right after, so the elements always
nest and a mark may be cut into pieces; every piece names its mark (``data-mark``) and its
span (``data-start``/``data-end``), and the pieces of one mark together hold exactly its text.
The text is never searched or replaced: each character is escaped once, between two events.

A finding's note number is a link placed just after its last character, outside every mark
(the marks open there are closed and reopened around it), so no mark's text includes it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from claimcheck.results import FileResult

# what is drawn over what when two marks share a start and an end: lower ranks outside
RANK = {"claim": 0, "boilerplate": 1, "trigger": 2, "caveat": 3, "source": 3, "finding": 4}

# characters that must not reach the page as they are: controls (NUL and the like are parse
# errors, a lone CR is folded into a line break), bidi overrides that reorder the text
# around them, lone surrogates (not encodable). Each becomes one U+FFFD, so offsets hold.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


@dataclass(frozen=True)
class Mark:
    """One highlight: ``kind`` (a CSS class), an id shared by its pieces, and the number of
    its finding's note (0: no note)."""

    start: int
    end: int
    kind: str  # claim | trigger | caveat | source | boilerplate | finding
    key: str  # unique in the document, e.g. "f3" (the third finding)
    note: int = 0
    severity: str = ""  # of a finding


def safe_text(text: str) -> str:
    """``text`` with each character the page cannot show as it is replaced by U+FFFD."""
    return _UNSAFE.sub("\ufffd", text)


def escaped(text: str) -> str:
    """``text`` escaped for an HTML text node or a double-quoted attribute value."""
    return html.escape(safe_text(text), quote=True)


def marks_of(result: FileResult) -> list[Mark]:
    """The highlights of one result: claims and their triggers, each distinct caveat and
    source linked to a claim, and every finding with a span (boilerplate ones as such)."""
    found: list[Mark] = []
    seen: set[tuple[int, int, str]] = set()
    for i, c in enumerate(result.claims, 1):
        found.append(Mark(c.start, c.end, "claim", f"c{i}"))
        found.append(Mark(c.trigger_start, c.trigger_end, "trigger", f"t{i}"))
        for kind, mods in (("caveat", c.caveats), ("source", c.sources)):
            for m in mods:
                if (m.start, m.end, kind) not in seen:
                    seen.add((m.start, m.end, kind))
                    found.append(Mark(m.start, m.end, kind, f"{kind}-{m.start}-{m.end}"))
    for n, f in enumerate(result.findings, 1):
        kind = "boilerplate" if f.category == "boilerplate" else "finding"
        found.append(Mark(f.start, f.end, kind, f"f{n}", note=n, severity=str(f.severity)))
    return [m for m in found if m.end > m.start]


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of consecutive pieces of ``text``, each ending after a blank line."""
    start = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        yield start, match.end()
        start = match.end()
    if start < len(text) or not text:
        yield start, len(text)


class Highlighter:
    """Renders parts of one document's text with its marks; ``prefix`` makes element ids
    unique in the page (``d2-`` for the second document)."""

    def __init__(self, text: str, marks: Sequence[Mark], prefix: str) -> None:
        self.text, self.prefix = text, prefix
        self.marks = sorted(marks, key=lambda m: (m.start, -m.end, RANK[m.kind], m.key))
        self.started: set[str] = set()  # marks whose first piece is written (it has the id)

    def render(self, start: int, end: int) -> tuple[str, list[int]]:
        """The markup of ``text[start:end]`` and the note numbers whose links it holds."""
        inside = [m for m in self.marks if m.start < end and m.end > start]
        points = sorted({start, end, *(max(m.start, start) for m in inside),
                         *(min(m.end, end) for m in inside)})  # fmt: skip
        out: list[str] = []
        notes: list[int] = []
        stack: list[Mark] = []
        pos = start
        for p in points:
            if p > pos:
                out.append(escaped(self.text[pos:p]))
                pos = p
            ending = [m for m in stack if min(m.end, end) == p]
            refs = [m for m in ending if m.note and m.end == p]
            if refs:  # outside every mark: close all, write the links, reopen the rest
                out.append("</span>" * len(stack))
                out.extend(self._ref(m) for m in refs)
                notes.extend(m.note for m in refs)
                stack = [m for m in stack if m not in ending]
                out.extend(self._open(m) for m in stack)
            elif ending:
                cut = min(stack.index(m) for m in ending)
                above = [m for m in stack[cut:] if m not in ending]
                out.append("</span>" * (len(stack) - cut))
                stack = stack[:cut] + above
                out.extend(self._open(m) for m in above)
            for m in (m for m in inside if max(m.start, start) == p and p < end):
                stack.append(m)
                out.append(self._open(m))
        out.append("</span>" * len(stack))
        return "".join(out), notes

    def _open(self, m: Mark) -> str:
        """The opening tag of a piece of ``m``; the first piece carries the mark's id."""
        ident = ""
        if m.key not in self.started:
            self.started.add(m.key)
            ident = f' id="{self.prefix}m-{m.key}"'
        severity = f" sev-{m.severity}" if m.severity else ""
        return (f'<span{ident} class="hl hl-{m.kind}{severity}" data-mark="{m.key}" '
                f'data-start="{m.start}" data-end="{m.end}">')  # fmt: skip

    def _ref(self, m: Mark) -> str:
        """The link after a finding's text to its note."""
        return (f'<sup class="ref"><a href="#{self.prefix}n{m.note}" '
                f'id="{self.prefix}r{m.note}">{m.note}</a></sup>')  # fmt: skip
