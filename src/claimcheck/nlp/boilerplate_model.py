"""A sentence model of boilerplate: does this sentence belong to the site, not the article?

The boilerplate rules (CC4xx) recognise shapes - a call to action, a greeting, a disclaimer -
from word classes and phrase lists; what they miss is what a reader sees at a glance: a short
line with no full stop at the foot of the page, a price beside "our", a run of capitalised
words in a list. The model is a logistic regression over the surface of a sentence and its
block (position from the first and the last block, block role, length, closing mark,
capitalisation, prices, phone numbers, web addresses, emoji, separators, pronouns) and its
words and word pairs, trained by ``scripts/train_boilerplate_model.py`` on the dev split of
the project's annotated corpus (bench/corpus). The ``boilerplate_model`` rule kind
(``rules/boilerplate_model.py``) reports the sentences it scores at or above its threshold
that no rule reported. The weights are data (``lexicons/model/boilerplate-sentences.json``).
"""

from __future__ import annotations

import bisect
import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate, pairwise
from pathlib import Path

from claimcheck.errors import LexiconError

MODEL_FILE = Path("model") / "boilerplate-sentences.json"  # inside the lexicon pack

_CURRENCY = re.compile(r"[$£€₹]\s?\d")
# each pattern starts with a character class, so the search skips ahead to a rare character
# (a digit, ".", ":", "@") instead of trying a lookbehind at every position
_PHONE = re.compile(r"\d[\d ().-]{7,}\d")
_ADDRESS = re.compile(r"[.:](?:(?<=http:|ttps:)(?=//)|(?<=www\.)|(?<=\w\.)"
                      r"(?=(?:com|org|net|co\.uk|uk|io)\b))", re.IGNORECASE)  # fmt: skip
_EMAIL = re.compile(r"@(?<=\S@)[^\s@]+\.\w")
_EMOJI = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf]")
_SEPARATORS = re.compile("[|\u00b7\u2022\u00bb\u203a]")  # bar, middle dot, bullet, guillemets
_WORD = re.compile("[A-Za-z][A-Za-z'\u2019-]*")  # apostrophes straight and curly
_LENGTHS = (3, 6, 10, 16, 25, 40)  # words: bucket bounds
_PRONOUNS = frozenset({"you", "your", "we", "our", "us", "i", "my", "me"})


@dataclass(frozen=True)
class Unit:
    """A sentence inside a block, with where the block and the sentence stand."""

    start: int
    end: int
    block: int  # index of the block in the document
    blocks: int  # number of blocks in the document
    role: str  # its block's role: paragraph, heading, list_item, ... (feature 'kind=')
    sentence: int  # index of the sentence in its block
    sentences: int  # number of sentences in the block


def units(blocks: Sequence[tuple[int, int, str]],
          sentences: Sequence[tuple[int, int]]) -> list[Unit]:  # fmt: skip
    """The sentences of each block (character bounds clipped to the block), in order."""
    out: list[Unit] = []
    k = 0
    for index, (b_start, b_end, role) in enumerate(blocks):
        while k < len(sentences) and sentences[k][1] <= b_start:
            k += 1
        parts = []
        j = k
        while j < len(sentences) and sentences[j][0] < b_end:
            parts.append((max(sentences[j][0], b_start), min(sentences[j][1], b_end)))
            j += 1
        for i, (start, end) in enumerate(parts):
            out.append(Unit(start, end, index, len(blocks), role, i, len(parts)))
    return out


_MARKS = (("price", _CURRENCY), ("phone", _PHONE), ("address", _ADDRESS), ("email", _EMAIL),
          ("emoji", _EMOJI), ("separator", _SEPARATORS))


class Marks:
    """Where a text holds prices, phone numbers, web and email addresses, emoji and link
    separators: each pattern is searched once over the text, not once per sentence."""

    def __init__(self, text: str, offset: int = 0) -> None:
        self.starts = {name: [offset + m.start() for m in pattern.finditer(text)]
                       for name, pattern in _MARKS}  # fmt: skip

    def within(self, start: int, end: int) -> list[str]:
        """The marks with a match starting inside ``start:end``."""
        out = []
        for name, starts in self.starts.items():
            i = bisect.bisect_left(starts, start)
            if i < len(starts) and starts[i] < end:
                out.append(name)
        return out


EDGE = 3  # blocks at the top and at the foot of a page where site chrome stands


def chrome(blocks: Sequence[tuple[int, int, str]],
           found: Sequence[tuple[int, int]]) -> tuple[bool, bool]:  # fmt: skip
    """Whether the rules found boilerplate in the first and in the last EDGE blocks: a page
    with chrome there, not a bare draft (whose last paragraph is the author's)."""
    if not blocks:
        return False, False
    top_end = blocks[min(EDGE, len(blocks)) - 1][1]
    foot_start = blocks[max(0, len(blocks) - EDGE)][0]
    return (any(s < top_end for s, _e in found), any(e > foot_start for _s, e in found))


def unit_parts(text: str, unit: Unit, found: Iterable[str] = (),
               edges: tuple[bool, bool] = (False, False),
               marks: Marks | None = None) -> tuple[set[str], list[str]]:  # fmt: skip
    """A sentence's features apart from its words and word pairs, and its words (lower
    case): ``unit_features`` joins them; ``BoilerplateModel.score_parts`` scores them without
    building a string per word."""
    piece = text[unit.start : unit.end]
    words = _WORD.findall(piece)
    lower = [w.lower() for w in words]
    out = {
        f"kind={unit.role}", "lead" if unit.sentence == 0 else "inner",
        f"sentences={min(unit.sentences, 4)}",
        f"len={next((i for i, bound in enumerate(_LENGTHS) if len(words) <= bound), 6)}",
    }  # fmt: skip
    if edges[0]:
        out.add(f"first={min(unit.block, 4)}")
    if edges[1]:
        out.add(f"last={min(unit.blocks - 1 - unit.block, 5)}")
    mark = piece.rstrip()[-1:]
    out.add(f"end={mark}" if mark in (".", "?", "!", ":") else
            "end=word" if mark.isalnum() else "end=other")  # fmt: skip
    out.update((marks or Marks(piece, unit.start)).within(unit.start, unit.end))
    for sign in ("©", "%", "!", "?"):
        if sign in piece:
            out.add(f"has{sign}")
    if words:
        out.add(f"caps={int(4 * sum(w[0].isupper() for w in words) / len(words))}")
        out.add(f"w0={lower[0]}")
        if len(lower) > 1:
            out.add(f"w01={lower[0]}_{lower[1]}")
    out.update(f"pro={w}" for w in _PRONOUNS.intersection(lower))
    if edges[0] or edges[1]:
        place = ("foot" if edges[1] and unit.blocks - 1 - unit.block < EDGE else
                 "top" if edges[0] and unit.block < EDGE else "body")  # fmt: skip
        prose = "prose" if mark == "." and len(words) > 10 else "line"
        out.add(f"{place}&{prose}")
    out.update(found)
    return out, lower


def unit_features(text: str, unit: Unit, found: Iterable[str] = (),
                  edges: tuple[bool, bool] = (False, False),
                  marks: Marks | None = None) -> frozenset[str]:  # fmt: skip
    """The features of one sentence: its block's role, its sentence position, length,
    closing mark, surface marks, capitalisation, pronouns, first words, words (``w=``) and
    word pairs (``b=``), lower case, plus ``found``: what the rules found in it
    (``Page.found``). Its block's distance from the top (from the foot) counts only when
    ``edges`` says the page has chrome there (``chrome``). ``marks``: the text's surface
    marks, found once for all its sentences (``Marks``)."""
    out, lower = unit_parts(text, unit, found, edges, marks)
    out.update(f"w={w}" for w in lower)
    out.update(f"b={a}_{b}" for a, b in pairwise(lower))
    return frozenset(out)


class Covered:
    """Whether a span overlaps any of some spans, in O(log n): the spans sorted by start, with
    the furthest end reached so far (a long span that starts early still counts)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [s for s, _ in ordered]
        self.reach = list(accumulate((e for _s, e in ordered), max))

    def __call__(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end)  # the spans that start before ``end``
        return bool(i) and self.reach[i - 1] > start


class Page:
    """A document as the model sees it: its sentences with letters in them (``units``), and
    what is computed once for all of them - the surface marks, whether the rules found chrome
    at its top and foot, and where the claims and modifiers stand. Training and the CC409 rule
    both build their features here, so the two cannot drift apart."""

    def __init__(self, text: str, blocks: Sequence[tuple[int, int, str]],
                 sentences: Sequence[tuple[int, int]], claims: Iterable[tuple[int, int]],
                 modifiers: Iterable[tuple[int, int, str]],
                 found: Sequence[tuple[int, int]]) -> None:  # fmt: skip
        self.text = text
        self.units = [u for u in units(blocks, sentences)
                      if any(ch.isalpha() for ch in text[u.start : u.end])]  # fmt: skip
        self.edges = chrome(blocks, found)
        self.marks = Marks(text)
        self._claims = Covered(claims)
        mods = sorted(modifiers)
        self._mod_starts = [s for s, _e, _t in mods]
        self._mod_types = [t for _s, _e, t in mods]

    def found(self, unit: Unit) -> set[str]:
        """What the rules found in a sentence: a claim (``claim``) and the types of the
        modifiers that start in it (``mod=source``, ``mod=hedge``, ...)."""
        out = {"claim"} if self._claims(unit.start, unit.end) else set()
        lo = bisect.bisect_left(self._mod_starts, unit.start)
        hi = bisect.bisect_left(self._mod_starts, unit.end)
        out.update(f"mod={t}" for t in self._mod_types[lo:hi])
        return out

    def parts(self, unit: Unit) -> tuple[set[str], list[str]]:
        """``unit_parts`` of a sentence of the page."""
        return unit_parts(self.text, unit, self.found(unit), self.edges, self.marks)

    def features(self, unit: Unit) -> frozenset[str]:
        """``unit_features`` of a sentence of the page."""
        return unit_features(self.text, unit, self.found(unit), self.edges, self.marks)


@dataclass(frozen=True)
class BoilerplateModel:
    """Feature weights, bias and the reporting threshold."""

    weights: Mapping[str, float]
    bias: float
    threshold: float
    about: str = ""

    @classmethod
    def load(cls, path: Path) -> BoilerplateModel:
        """Read a model file written by scripts/train_boilerplate_model.py (LexiconError if
        it cannot be read or lacks a field)."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls.from_json(data)
        except OSError as exc:
            reason = f"cannot read the boilerplate model ({exc.strerror})"
            raise LexiconError(f"{path}: {reason}") from exc
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            reason = f"missing field {exc}" if isinstance(exc, KeyError) else str(exc)
            raise LexiconError(f"{path}: not a boilerplate model file: {reason}") from exc

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> BoilerplateModel:
        """The model from its parsed JSON (KeyError, TypeError or ValueError when malformed)."""
        weights = data["weights"]
        if not isinstance(weights, Mapping):
            raise TypeError("'weights' must be a mapping")
        return cls(
            weights={str(k): float(v) for k, v in weights.items()},
            bias=float(str(data["bias"])), threshold=float(str(data["threshold"])),
            about=str(data.get("about", "")),
        )  # fmt: skip

    def score(self, features: Iterable[str]) -> float:
        """The probability that a sentence with these features is boilerplate."""
        # fsum: exact, so the score does not depend on the set's (hash-seeded) order
        z = self.bias + math.fsum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def score_parts(self, base: Iterable[str], lower: Sequence[str]) -> float:
        """``score`` of ``unit_features``, from ``unit_parts`` (the words looked up as they
        are, not as "w=..." strings)."""
        words, pairs = self._lexical
        # the few base features (a set) summed exactly, the words and pairs in text order:
        # the score must not depend on a set's hash-seeded order, and fsum over every word
        # costs a third of the rule's time
        z = self.bias + math.fsum(self.weights.get(f, 0.0) for f in base)
        z += sum(words.get(w, 0.0) for w in dict.fromkeys(lower))
        z += sum(pairs.get(p, 0.0) for p in dict.fromkeys(pairwise(lower)))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    @cached_property
    def _lexical(self) -> tuple[dict[str, float], dict[tuple[str, str], float]]:
        """The word and word-pair weights keyed by the words themselves."""
        words = {f[2:]: w for f, w in self.weights.items() if f.startswith("w=")}
        pairs = {}
        for f, w in self.weights.items():
            if f.startswith("b="):
                first, _, second = f[2:].partition("_")
                pairs[(first, second)] = w
        return words, pairs

    def reasons(self, features: Iterable[str], top: int = 3) -> list[str]:
        """The features that raise the score most, in words, strongest first."""
        ranked = sorted(((self.weights.get(f, 0.0), f) for f in features), reverse=True)
        return [describe(f) for w, f in ranked[:top] if w > 0]


_DESCRIBE = {
    "price": "a price", "phone": "a phone number", "address": "a web address",
    "email": "an email address", "emoji": "emoji", "separator": "link separators",
    "has©": "a copyright sign", "has%": "a percentage", "has!": "an exclamation mark",
    "has?": "a question", "end=word": "no closing punctuation", "end=other": "no closing full stop",
    "end=?": "ends with a question mark", "end=!": "ends with an exclamation mark",
    "end=:": "ends with a colon", "kind=heading": "a heading line", "kind=list_item": "a list item",
    "lead": "opens its block", "caps=3": "mostly capitalised words", "caps=4": "all capitalised",
    "first=0": "in the first block", "first=1": "near the top", "last=0": "in the last block",
    "last=1": "near the end", "last=2": "near the end", "foot&line": "a short line at the foot",
    "top&line": "a short line at the top", "body&line": "a short line",
}  # fmt: skip


def describe(feature: str) -> str:
    """A feature in words, for a finding's message."""
    if feature in _DESCRIBE:
        return _DESCRIBE[feature]
    name, _, value = feature.partition("=")
    if name in ("w", "w0"):
        return f"'{value}'"
    if name in ("b", "w01"):
        return "'" + value.replace("_", " ") + "'"
    if name == "pro":
        return f"'{value}'"
    if name == "len":
        return "a short line" if int(value) <= 2 else "its length"
    if name == "rel":
        return {"0": "at the top of the page", "4": "at the foot of the page",
                "5": "at the foot of the page"}.get(value, "in the middle of the page")
    if name in ("first", "last"):
        return f"{int(value) + 1} blocks from the {'top' if name == 'first' else 'end'}"
    if name == "kind":
        return f"a {value.replace('_', ' ')}"
    if name == "sentences":
        return f"a block of {value} sentence(s)"
    if name == "caps":
        return "few capitals"
    if name == "end":
        return "ends with a full stop"
    return {"inner": "inside a paragraph"}.get(feature, feature)
