"""Lists of other articles: a lead line ("You may also like") and the run of titles after it.

The ``boilerplate`` kind reports such a list as one finding (``follow_titles``). The titles
stay in the text the claim rules read: a linked headline that promises a cure is still a
claim the page makes.
"""

from __future__ import annotations

from collections.abc import Sequence

MAX_TITLE_WORDS = 16  # an article title or product name; longer lines are prose
MAX_LABEL_WORDS = 5  # "You might also like:", "Related Articles:"

BlockBounds = Sequence[tuple[int, int, str]]  # (start_char, end_char, role), in order


def title_line(text: str) -> bool:
    """Whether a block reads as a title or a link, not a sentence of prose: at most
    MAX_TITLE_WORDS words and no closing full stop."""
    words = text.split()
    return 0 < len(words) <= MAX_TITLE_WORDS and not text.rstrip().endswith(".")


def title_run(text: str, blocks: BlockBounds, start: int, end: int,
              limit: int) -> tuple[int, int] | None:  # fmt: skip
    """The lead's block and the run of title blocks (at most ``limit``) after it; None when
    the lead's block is prose ("Related conditions such as gout need ...") and the lead is
    not a label ("Related: <title> · <title>")."""
    index = next((i for i, b in enumerate(blocks) if b[0] <= start < b[1]), None)
    if index is None:
        return None
    first, last = blocks[index][0], blocks[index][1]
    lead = text[first:last]
    label, colon, _ = lead.partition(":")
    if not (colon and len(label.split()) <= MAX_LABEL_WORDS) and not title_line(lead):
        return None
    last = max(end, last)
    for b_start, b_end, _kind in blocks[index + 1 : index + 1 + limit]:
        if not title_line(text[b_start:b_end]):
            break
        last = b_end
    return min(start, first), last
