"""Kind ``internal``: rules whose findings the checker itself emits (CC9xx), not a pattern."""

from __future__ import annotations

from collections.abc import Iterator

from claimcheck.findings import Finding
from claimcheck.lexicon.kinds import KIND_SPECS
from claimcheck.lexicon.model import Rule
from claimcheck.rules.base import CheckContext

SPEC = KIND_SPECS["internal"]


class Internal:
    """Yields nothing by itself: the suppression stage (``filters.py`` with ``suppress.py``)
    reports CC900 for a suppression comment that silenced nothing."""

    spec = SPEC

    def evaluate(self, ctx: CheckContext, rule: Rule) -> Iterator[Finding]:
        """No findings of its own."""
        return iter(())
