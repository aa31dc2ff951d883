"""A sentence model that weighs the rules' evidence: is this sentence a health claim?

The rules find claim wordings (triggers), word classes (effect verbs, health terms, first
person...), caveats and sources; every claim still starts from what they found. The model -
a logistic regression over those findings plus the sentence's content lemmas, trained by
``scripts/train_claim_model.py`` on the dev split of the project's annotated corpus
(bench/corpus) - answers two questions the rules cannot answer alone:

- a sentence with a trigger that the model scores below ``veto_below`` is no claim (a
  trigger in a page's navigation, a definition, an aside), unless the trigger is negated or
  of the causal-language kinds, which the rules keep;
- a sentence without a trigger that holds an effect word of the ``evidence`` classes, on a
  page about health or with a health term, and that the model scores at least
  ``promote_at`` is a claim ("After my second session I feel like a new person"); its
  trigger starts at the effect word, its pattern is ``sentence-model``.

Both apply to pages (120 tokens or more) only: the model learnt from pages. The weights are
data (``lexicons/model/claim-sentences.json``), regenerated whenever the
rules change, like the generated vocabularies.
"""

from __future__ import annotations

import bisect
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from spacy.attrs import IS_ALPHA, IS_STOP, LEMMA  # type: ignore[import-not-found]
from spacy.tokens import Doc

from claimcheck.errors import LexiconError

CLASSES_KEY = "cc_classes"  # doc.user_data: the word-class bit mask of every token (shapes)
MODEL_PATTERN = "sentence-model"  # the pattern id of a claim the model promoted
MODEL_FILE = Path("model") / "claim-sentences.json"  # inside the lexicon pack
_LEMMAS_KEY = "cc_content_lemmas"  # doc.user_data: per token, its lemma hash (0: no content word)
_LENGTH_BUCKETS = (4, 9, 21, 41)  # sentence length in tokens, bucketed for a feature
HEALTH_CLASSES = ("condition", "outcome", "body", "mechanism")
WEAK_EFFECT_CLASSES = ("feel_verb", "help_verb", "work_verb")


@dataclass(frozen=True)
class SentenceModel:
    """Weights of the sentence features, thresholds, and how a promoted claim is typed."""

    weights: Mapping[str, float]
    bias: float
    veto_below: float
    promote_at: float
    evidence: frozenset[str]  # word classes that can carry a promoted claim
    kinds: tuple[tuple[str, str], ...] = ()  # (word class, claim kind), first present wins
    about: str = ""
    names: tuple[tuple[int, str], ...] = field(default=())  # (class bit, class name)

    @classmethod
    def load(cls, path: Path) -> SentenceModel:
        """Read a model file written by scripts/train_claim_model.py (LexiconError if it
        cannot be read or lacks a field)."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(
                weights={str(k): float(v) for k, v in data["weights"].items()},
                bias=float(data["bias"]),
                veto_below=float(data["veto_below"]),
                promote_at=float(data["promote_at"]),
                evidence=frozenset(str(e) for e in data["evidence"]),
                kinds=tuple((str(c), str(k)) for c, k in data.get("kinds", [])),
                about=str(data.get("about", "")),
            )
        except OSError as exc:
            raise LexiconError(f"{path}: cannot read the sentence model ({exc.strerror})") from exc
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            reason = f"missing field {exc}" if isinstance(exc, KeyError) else str(exc)
            raise LexiconError(f"{path}: not a sentence model file: {reason}") from exc

    def with_classes(self, bits: Mapping[str, int]) -> SentenceModel:
        """The model bound to a pipeline's word classes (name -> bit)."""
        names = tuple(sorted((bit, name) for name, bit in bits.items()))
        return SentenceModel(self.weights, self.bias, self.veto_below, self.promote_at,
                             self.evidence, self.kinds, self.about, names)  # fmt: skip

    def score(self, features: Iterable[str]) -> float:
        """The probability that a sentence with these features is a claim."""
        # fsum: exact, so the score does not depend on the set's (hash-seeded) order
        z = self.bias + math.fsum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    @cached_property
    def effect_mask(self) -> int:
        """The evidence classes that are effect words (not health objects), as bits."""
        return self.mask(self.evidence.difference(HEALTH_CLASSES))

    @cached_property
    def weak_effect_mask(self) -> int:
        """Effect words of looking or doing ("look", "walk", "help"), as bits: a promoted
        claim's trigger starts at one only when the sentence has no other effect word."""
        return self.mask(WEAK_EFFECT_CLASSES)

    @cached_property
    def health_mask(self) -> int:
        """The health-object classes (condition, outcome, body, mechanism), as bits."""
        return self.mask(HEALTH_CLASSES)

    def mask(self, names: Iterable[str]) -> int:
        """The bit mask of the named word classes (names the pipeline lacks count for none)."""
        wanted = set(names)
        return sum(bit for bit, name in self.names if name in wanted)

    def classes(self, mask: int) -> list[str]:
        """The names of the word classes in a bit mask."""
        return [name for bit, name in self.names if mask & bit]

    def promoted_kind(self, present: Iterable[str]) -> str:
        """The kind of a promoted claim, from the word classes of its sentence."""
        have = set(present)
        if "mechanism_verb" in have and "mechanism" in have:
            return "mechanism"
        return next((kind for cls, kind in self.kinds if cls in have), "efficacy")


def sentence_features(
    doc: Doc,
    start: int,
    end: int,
    classes: Sequence[str],
    triggers: Sequence[tuple[str, str]],
    modifiers: Sequence[str],
    block_role: str,
    context: Iterable[str] = (),
) -> frozenset[str]:
    """The features of sentence ``doc[start:end]``: its word classes, the rules' triggers
    (pattern id and kind) and modifier types starting in it, its block role, length,
    final mark and content lemmas, plus ``context``: features of the page (``health``: it is
    about health; ``page:sourced``, ``page:hedged``) and of the sentence before."""
    out = {f"c:{c}" for c in classes}
    out.update(context)
    for pattern, kind in triggers:
        out.add(f"s:{pattern}")
        out.add(f"k:{kind}")
    out.update(f"m:{m}" for m in modifiers)
    out.add(f"b:{block_role}")
    n = end - start
    out.add("len:" + str(1 + bisect.bisect_right(_LENGTH_BUCKETS, n)))
    k = end - 1
    while k >= start and doc[k].is_space:
        k -= 1
    final = doc[k].text.strip()[-1:] if k >= start else ""
    if final == "?":
        out.add("q")
    if final == "!":
        out.add("ex")
    if not triggers:
        out.add("noclaim")
    out.update(content_lemmas(doc, start, end))
    return frozenset(out)


_LEMMA_FEATURES: dict[int, str] = {}  # lemma hash -> "w:<lemma>", bounded by the vocabulary


def content_lemmas(doc: Doc, start: int, end: int) -> list[str]:
    """The lemma features ("w:<lemma>") of the alphabetic, non-stop-word tokens of
    ``doc[start:end]``."""
    table = doc.user_data.get(_LEMMAS_KEY)
    if table is None:  # one array read per document, not three attribute reads per token
        rows = doc.to_array([LEMMA, IS_ALPHA, IS_STOP])
        keep = (rows[:, 1] != 0) & (rows[:, 2] == 0)
        lemmas = (rows[:, 0] * keep).tolist()  # a hash where the token is a content word, else 0
        table = doc.user_data[_LEMMAS_KEY] = lemmas
    strings = doc.vocab.strings
    out = []
    for h in table[start:end]:
        if h:
            feature = _LEMMA_FEATURES.get(h)
            if feature is None:
                feature = _LEMMA_FEATURES[h] = "w:" + strings[h]
            out.append(feature)
    return out


def health_classes(names: Iterable[str]) -> bool:
    """Whether the classes include a health object (condition, outcome, body, mechanism)."""
    return any(n in HEALTH_CLASSES for n in names)
