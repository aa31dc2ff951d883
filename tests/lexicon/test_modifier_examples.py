"""Every modifier group's YAML examples: the group finds a modifier in each `flag` text, and no
modifier of its type is found in any of its `pass` texts (a near miss).

A modifier counts as found when it survives what the checker prunes (pseudo-triggers,
boilerplate, disclaimers): the span must be among the document's effective modifiers. Pseudo
and terminator groups never become effective modifiers; they are tested on their own spans.
"""

from __future__ import annotations

import pytest

from claimcheck.api import Linter
from claimcheck.extract.text import parse_plain
from claimcheck.lexicon.loader import load_lexicon
from claimcheck.lexicon.model import ModifierGroup
from claimcheck.nlp.components import MODS_KEY

GROUPS = load_lexicon().modifiers
TESTED = [g for g in GROUPS if g.examples_flag or g.examples_pass]
NOT_EFFECTIVE = frozenset({"pseudo", "terminate"})


def found(linter: Linter, group: ModifierGroup, text: str) -> tuple[set[str], set[str]]:
    """(texts of this group's modifiers, texts of every modifier of its type) in ``text``."""
    doc = linter.nlp(linter._make_doc(parse_plain("example", text)))
    spans = {(s.start_char, s.end_char) for s in doc.spans[MODS_KEY] if s.id_ == group.id}
    if group.type in NOT_EFFECTIVE:
        own = {text[s:e] for s, e in spans}
        return own, own
    same_type = [m for m in doc._.cc_context.modifiers if m.type == group.type]
    return {m.text for m in same_type if (m.start, m.end) in spans}, {m.text for m in same_type}


def test_every_hedge_group_has_flag_and_pass_examples() -> None:
    hedges = [g for g in GROUPS if g.type == "hedge"]
    missing = [g.id for g in hedges if not (g.examples_flag and g.examples_pass)]
    assert missing == []


def _id(value: object) -> str:
    """A short test id: the group id, or the start of the example text."""
    return value.id if isinstance(value, ModifierGroup) else str(value)[:40]


@pytest.mark.parametrize(
    ("group", "text"), [(g, t) for g in TESTED for t in g.examples_flag], ids=_id
)
def test_flag_examples_find_a_modifier(linter: Linter, group: ModifierGroup, text: str) -> None:
    own, _ = found(linter, group, text)
    assert own, f"{group.id} ({group.type}) finds nothing in {text!r}"


@pytest.mark.parametrize(
    ("group", "text"), [(g, t) for g in TESTED for t in g.examples_pass], ids=_id
)
def test_pass_examples_find_none(linter: Linter, group: ModifierGroup, text: str) -> None:
    _, same_type = found(linter, group, text)
    assert same_type == set(), f"{group.type} found in {text!r}: {sorted(same_type)}"
