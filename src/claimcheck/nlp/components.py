"""Small spaCy components: block-aware sentence starts, lower-case lemmas, health terms, regexes."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from spacy.errors import Errors
from spacy.tokens import Doc, Span, Token

from claimcheck.lexicon.model import ModifierGroup

BLOCKS_KEY = "cc_blocks"  # doc.user_data: tuple of (start_char, end_char, kind)
LINKS_KEY = "cc_links"  # doc.user_data: tuple of (start_char, end_char, href)
MODS_KEY = "cc_mods"  # doc.spans: modifier spans, label = type, id = group id
TEXT_KEY = "cc_text"  # doc.user_data: the text the doc was made from (== doc.text)

TERM_ATTR = "ENT_ID"  # where health-term types live (no NER here), tested in C by rulers


def _term_type(token: Token) -> str:
    """``token._.cc_term``: the type of the health term the token is in, or ""."""
    return token.ent_id_


if not Token.has_extension("cc_term"):
    Token.set_extension("cc_term", getter=_term_type)


def doc_text(doc: Doc) -> str:
    """The doc's text: the input kept by ``Linter`` (``doc.text`` joins every token anew)."""
    text = doc.user_data.get(TEXT_KEY)
    return text if isinstance(text, str) else doc.text


class BlockSentences:
    """Start a sentence at every block start, so headings never merge with paragraphs."""

    def __call__(self, doc: Doc) -> Doc:
        """Mark the first token of each block (from ``doc.user_data``) as a sentence start."""
        starts: set[int] = set()
        for start, end, _kind in doc.user_data.get(BLOCKS_KEY, ()):
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None and len(span):
                starts.add(span.start)
                if span.end < len(doc):
                    starts.add(span.end)
        if starts:
            # One array write: the Token.is_sent_start setter scans the whole doc on every call.
            if doc.has_annotation("DEP"):
                raise ValueError(Errors.E043)
            marks = doc.to_array("SENT_START")
            marks[sorted(starts)] = 1
            doc.from_array(["SENT_START"], marks)  # type: ignore[arg-type]
        return doc


class LowerLemmas:
    """Lookup lemmatizer keyed on the lower-cased form (spaCy's own lookup is case-sensitive)."""

    def __init__(self, table: Mapping[str, str]) -> None:
        self._table = table  # flags.lemma_table: spaCy's lookup plus the lexicon's overrides
        self._cache: dict[int, int] = {}

    def __call__(self, doc: Doc) -> Doc:
        """Set ``token.lemma`` for every token from the lookup table."""
        cache = self._cache
        strings = doc.vocab.strings
        for token in doc:
            lower = token.lower
            lemma = cache.get(lower)
            if lemma is None:
                text = token.lower_
                lemma = strings.add(self._table.get(text, text))
                cache[lower] = lemma
            token.lemma = lemma
        return doc


class RegexModifiers:
    """Add regex-matched modifier spans (URLs, DOIs, citations) to ``doc.spans[MODS_KEY]``."""

    def __init__(self, groups: Iterable[ModifierGroup]) -> None:
        self._rules = [(g, re.compile(r)) for g in groups for r in g.regex]

    def __call__(self, doc: Doc) -> Doc:
        """Append every regex match, expanded to whole tokens."""
        found: list[Span] = []
        text = doc_text(doc)
        for group, rx in self._rules:
            for m in rx.finditer(text):
                span = doc.char_span(m.start(), m.end(), label=group.type, span_id=group.id,
                                     alignment_mode="expand")
                if span is not None and len(span):
                    found.append(span)
        if found:
            group_spans = doc.spans.get(MODS_KEY, [])
            doc.spans[MODS_KEY] = [*group_spans, *found]
        return doc
