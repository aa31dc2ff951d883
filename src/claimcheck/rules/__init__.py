"""Rule kinds (code) that the YAML rules (data) instantiate; selection by id or prefix."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from claimcheck.errors import ConfigError
from claimcheck.findings import selected
from claimcheck.lexicon.kinds import KIND_SPECS
from claimcheck.lexicon.model import Rule
from claimcheck.rules.absence import Absence
from claimcheck.rules.base import Kind
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
__all__ = ["KINDS", "KIND_SPECS", "check_selectors", "matches", "rule_phrases", "select_rules"]


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


def check_selectors(where: str, selectors: Iterable[str], rules: Iterable[Rule]) -> None:
    """ConfigError for the first selector that names no rule (``where`` names its origin).

    A selector is a rule name or ``CC`` plus digits that begin a rule id (``CC4``, ``CC40``,
    ``CC401``, any case). A typo (``CC1O1``, ``CC99``) would otherwise select or ignore
    nothing without a word; the error suggests the closest real selector.
    """
    rules = list(rules)
    prefixes = {r.id[:k] for r in rules for k in range(2, len(r.id) + 1)}
    names = {r.name for r in rules}
    for s in selectors:
        if s.upper() in prefixes or s in names:
            continue
        close = _closest(s, prefixes - {"CC"}, names)
        hint = (f"did you mean {close!r}?" if close
                else "use a rule id, an id prefix like CC1, or a name from 'claimcheck rules'")
        raise ConfigError(f"{where}: unknown rule selector {s!r} ({hint})")


def _closest(selector: str, prefixes: Iterable[str], names: Iterable[str]) -> str | None:
    """The real selector nearest a mistyped one. An id one character off comes first, so a
    letter O typed for a zero (``CC1O1``) suggests ``CC101``, not the shorter ``CC11``."""
    if not selector.upper().startswith("CC"):
        found = difflib.get_close_matches(selector, sorted(names), n=1)
        return found[0] if found else None
    key, pool = selector.upper(), sorted(prefixes)
    one_off = [
        p for p in pool
        if len(p) == len(key) and sum(a != b for a, b in zip(p, key, strict=True)) == 1
    ]  # fmt: skip
    found = one_off or difflib.get_close_matches(key, pool, n=1)
    return found[0] if found else None
