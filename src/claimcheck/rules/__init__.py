"""Rule kinds (code) that the YAML rules (data) instantiate; selection by id or prefix."""

from __future__ import annotations

from collections.abc import Iterable

from claimcheck.findings import selected
from claimcheck.lexicon.model import Rule
from claimcheck.rules.absence import Absence
from claimcheck.rules.base import Kind, KindSpec
from claimcheck.rules.boilerplate import Boilerplate
from claimcheck.rules.boilerplate_model import BoilerplateSentences
from claimcheck.rules.crossdoc import CrossDocument
from claimcheck.rules.density import Density
from claimcheck.rules.existence import Existence
from claimcheck.rules.homoglyph import Homoglyph
from claimcheck.rules.internal import Internal
from claimcheck.rules.keyphrase import Keyphrase
from claimcheck.rules.spun import Spun
from claimcheck.rules.spuncopy import SpunCopy
from claimcheck.rules.stuffing import Stuffing
from claimcheck.rules.unsupported import Unsupported

KINDS: dict[str, Kind] = {
    "unsupported": Unsupported(),
    "existence": Existence(),
    "absence": Absence(),
    "boilerplate": Boilerplate(),
    "boilerplate_model": BoilerplateSentences(),
    "spun": Spun(),
    "homoglyph": Homoglyph(),
    "spun_copy": SpunCopy(),
    "keyphrase": Keyphrase(),
    "stuffing": Stuffing(),
    "density": Density(),
    "crossdoc": CrossDocument(),
    "internal": Internal(),
}
KIND_SPECS: dict[str, KindSpec] = {name: kind.spec for name, kind in KINDS.items()}


def rule_phrases(rules: Iterable[Rule]) -> list[str]:
    """Every phrase that the rules' kinds look up (see ``PhraseKind``)."""
    out: list[str] = []
    for rule in rules:
        phrases = getattr(KINDS.get(rule.kind), "phrases", None)
        if phrases is not None and rule.status != "removed":
            out += phrases(rule)
    return out


def matches(rule: Rule, selectors: Iterable[str]) -> bool:
    """True when a selector is the rule's name or a prefix of its id (``CC1``, ``CC101``)."""
    return selected(rule.id, rule.name, selectors)


def select_rules(
    rules: Iterable[Rule], select: Iterable[str] = (), ignore: Iterable[str] = (),
    preview: bool = False,
) -> list[Rule]:
    """The enabled rules: selected (all when empty), not ignored, preview only on request."""
    sel, ign = list(select), list(ignore)
    return [
        r for r in rules
        if r.status != "removed" and (preview or r.status != "preview")
        and (not sel or matches(r, sel)) and not matches(r, ign)
    ]  # fmt: skip
