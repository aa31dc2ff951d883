"""The registered claimcheck components: each factory makes a working component.

``nlp.add_pipe("claimcheck_terms")`` gives a component that takes its rules the spaCy way: in
``initialize`` (``nlp.initialize()``, or ``initialize(ruleset=...)`` with a loaded RuleSet),
from the shipped lexicon plus the packs of its ``lexicons`` initialize setting; used before
that, it loads the shipped lexicon on its first document. Saved with ``nlp.to_disk``, it
keeps the rules it was built from, so ``spacy.load`` gives the same component (once this
module is imported: it registers the factories). Each one wraps the class that does the work
(``impl``): sentence starts, lemmas, health terms, regex modifiers, claim shapes, ConText.
The checked span rulers are in ``nlp/ruler.py``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from claimcheck.lexicon.loader import default_lexicon_dir
from claimcheck.lexicon.model import RuleSet
from claimcheck.nlp.components import BlockSentences, LowerLemmas, RegexModifiers
from claimcheck.nlp.context import CLAIMS_KEY, RULE_HITS_KEY, ClaimContext
from claimcheck.nlp.flags import lemma_table
from claimcheck.nlp.fold import fold_vocab
from claimcheck.nlp.phrases import phrase_words
from claimcheck.nlp.rulesource import RuleBound
from claimcheck.nlp.sentence_model import MODEL_FILE, SentenceModel
from claimcheck.nlp.shapes import ClaimShapes, class_bits
from claimcheck.nlp.terms import HealthTerms


class _Component(RuleBound):
    """A claimcheck component: ``impl`` does the work once the rules are set up."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.nlp = nlp
        self.name = name
        self.impl: Any = None
        fold_vocab(nlp.vocab)  # LOWER folds homoglyphs ("reverse" in Cyrillic letters)

    def __call__(self, doc: Doc) -> Doc:
        """Process the doc (loading the lexicon first if the component was not initialized)."""
        impl = self.impl
        if impl is None:
            self.initialize()
            impl = self.impl
        result: Doc = impl(doc)
        return result


class Blocks(_Component):
    """``claimcheck_blocks``: sentence starts at block starts and after final punctuation.

    Initialized with the pipeline (``nlp``), it also gives the tokenizer the pack's
    abbreviations as special cases ("et al." must not end a sentence); the tokenizer saves
    them itself.
    """

    fields = ("abbreviations",)

    def setup(self, ruleset: RuleSet, nlp: Any, saved: Any) -> None:
        """Teach the tokenizer the abbreviations (when given the pipeline)."""
        if nlp is not None:
            tokenizer = nlp.tokenizer  # spacy.tokenizer is Cython, without type stubs
            for abbreviation in ruleset.abbreviations:
                for form in {abbreviation, abbreviation.capitalize()}:
                    tokenizer.add_special_case(form, [{"ORTH": form}])
        self.impl = BlockSentences()


class Lemmas(_Component):
    """``claimcheck_lemmas``: lookup lemmas of the lower-case form, with the pack's fixes."""

    fields = ("lemma_overrides",)

    def setup(self, ruleset: RuleSet, nlp: Any, saved: Any) -> None:
        """Build the lemma table."""
        self.impl = LowerLemmas(lemma_table(ruleset.lemma_overrides))


class Terms(_Component):
    """``claimcheck_terms``: health-term types on tokens (``token._.cc_term``)."""

    fields = ("terms", "lemma_overrides")

    def setup(self, ruleset: RuleSet, nlp: Any, saved: Any) -> None:
        """Index the term groups (tokenized on a vocabulary of their own: nlp/phrases.py)."""
        lemmas = lemma_table(ruleset.lemma_overrides)
        self.impl = HealthTerms(ruleset.terms, phrase_words, lemmas)


class Regexes(_Component):
    """``claimcheck_regex``: regex-matched modifier spans (URLs, DOIs, citations)."""

    fields = ("modifiers",)

    def setup(self, ruleset: RuleSet, nlp: Any, saved: Any) -> None:
        """Compile the modifier groups' regexes."""
        self.impl = RegexModifiers(ruleset.modifiers)


class Shapes(_Component):
    """``claimcheck_shapes``: claim shapes and framed lists, after the rulers."""

    fields = ("word_classes", "claim_shapes", "framed_lists", "clause_breaks",
              "shape_negators", "lemma_overrides")  # fmt: skip

    def setup(self, ruleset: RuleSet, nlp: Any, saved: Any) -> None:
        """Compile the shapes; claim shapes add to the claim triggers, boilerplate shapes to
        the rule hits."""
        lemmas = lemma_table(ruleset.lemma_overrides)
        self.impl = ClaimShapes(ruleset.claim_shapes, ruleset.framed_lists, ruleset.word_classes,
                                ruleset.clause_breaks, ruleset.shape_negators, lemmas,
                                phrase_words, CLAIMS_KEY, RULE_HITS_KEY)  # fmt: skip


class Context(_Component):
    """``claimcheck_context``: claims with their modifiers (``doc._.cc_context``).

    With ``use_model``, the packs' sentence model (the last pack that has one) weighs the
    triggers; a saved component keeps the model it was built with.
    """

    fields = ("claim_patterns", "modifiers", "reference_headings", "word_classes",
              "fronted_subordinators", "following_subordinators", "claim_kinds")  # fmt: skip

    def __init__(self, nlp: Language, name: str, use_model: bool) -> None:
        super().__init__(nlp, name)
        self.use_model = use_model

    def setup(self, ruleset: RuleSet, nlp: Any, saved: Any) -> None:
        """Set the ConText linker up, with the sentence model (read, or as saved)."""
        if saved is not None:
            model = saved.get("model")
        elif self.use_model:
            model = sentence_model(ruleset, class_bits(ruleset.word_classes))
        else:
            model = None
        self.impl = ClaimContext(ruleset, model)

    def saved_data(self) -> Any:
        """The sentence model in use (None without one)."""
        return {"model": self.impl.model if self.impl is not None else None}


def sentence_model(ruleset: RuleSet, bits: dict[str, int]) -> SentenceModel | None:
    """The packs' sentence model (the last pack that has one) bound to the pipeline's word
    classes; None when no pack has one."""
    dirs = [Path(d) for d in ruleset.directories] or [default_lexicon_dir()]
    path = next((d / MODEL_FILE for d in reversed(dirs) if (d / MODEL_FILE).is_file()), None)
    return SentenceModel.load(path).with_classes(bits) if path is not None else None


@Language.factory("claimcheck_blocks", assigns=["token.is_sent_start"])
def make_blocks(nlp: Language, name: str) -> Blocks:
    """The ``claimcheck_blocks`` factory."""
    return Blocks(nlp, name)


@Language.factory("claimcheck_lemmas", assigns=["token.lemma"])
def make_lemmas(nlp: Language, name: str) -> Lemmas:
    """The ``claimcheck_lemmas`` factory."""
    return Lemmas(nlp, name)


@Language.factory("claimcheck_terms", assigns=["token.ent_id"])
def make_terms(nlp: Language, name: str) -> Terms:
    """The ``claimcheck_terms`` factory."""
    return Terms(nlp, name)


@Language.factory("claimcheck_regex", assigns=["doc.spans"])
def make_regex(nlp: Language, name: str) -> Regexes:
    """The ``claimcheck_regex`` factory."""
    return Regexes(nlp, name)


@Language.factory("claimcheck_shapes", assigns=["doc.spans"])
def make_shapes(nlp: Language, name: str) -> Shapes:
    """The ``claimcheck_shapes`` factory."""
    return Shapes(nlp, name)


@Language.factory(
    "claimcheck_context", default_config={"use_model": True},
    assigns=["doc._.cc_context"],
)  # fmt: skip
def make_context(nlp: Language, name: str, use_model: bool) -> Context:
    """The ``claimcheck_context`` factory."""
    return Context(nlp, name, use_model)
