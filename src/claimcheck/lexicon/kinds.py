"""The keys each rule kind accepts in a rule record (its parameter record,
``lexicon/params.py``), and the placeholders it fills.

These specs are part of the lexicon format (``lexicons/README.md``): the loader checks each
rule record against its kind's spec. The kinds' code (``claimcheck.rules``) reads the same
table, so the lexicon layer never imports the rules layer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from claimcheck.lexicon.params import (
    AbsenceParams,
    BoilerplateModelParams,
    BoilerplateParams,
    CrossdocParams,
    DensityParams,
    ExistenceParams,
    HomoglyphParams,
    KeyphraseParams,
    Params,
    SpunCopyParams,
    SpunParams,
    StuffingParams,
    UnsupportedParams,
    param_keys,
)

__all__ = ["COMMON_PLACEHOLDERS", "KIND_SPECS", "KindSpec"]

COMMON_PLACEHOLDERS = frozenset({"match"})


@dataclass(frozen=True)
class KindSpec:
    """A kind's parameter record (its YAML keys, types and defaults), the files it reads into
    a parameter, and the placeholders it fills in messages."""

    params: type[Params] = Params
    # keys naming a file inside the pack, read into a parameter: key -> (parameter, required)
    files: Mapping[str, tuple[str, bool]] = field(default_factory=dict)
    placeholders: frozenset[str] = COMMON_PLACEHOLDERS
    needs_patterns: bool = False
    reads_findings: bool = False  # evaluated after the other kinds: it reads their findings
    # run-level: state shared by the documents of a run (evaluated last, in the parent under
    # --jobs; kinds that read findings never see these, whichever process they run in)
    run_level: bool = False

    @property
    def required(self) -> frozenset[str]:
        """The YAML keys a rule of this kind must have."""
        required, _ = param_keys(self.params)
        from_files = {param for param, _ in self.files.values()}
        return (required - from_files) | {k for k, (_, needed) in self.files.items() if needed}

    @property
    def optional(self) -> frozenset[str]:
        """The YAML keys a rule of this kind may have."""
        _, optional = param_keys(self.params)
        from_files = {param for param, _ in self.files.values()}
        inline = {"replacements"} & optional  # listed inline besides the file's
        keys = (optional - from_files) | inline
        return keys | {k for k, (_, needed) in self.files.items() if not needed}


KIND_SPECS: dict[str, KindSpec] = {
    "unsupported": KindSpec(
        params=UnsupportedParams,
        placeholders=COMMON_PLACEHOLDERS
        | {"kind", "softened", "softened_bare", "caveat", "intensifier", "vague"},
    ),
    "existence": KindSpec(params=ExistenceParams, needs_patterns=True),
    "absence": KindSpec(params=AbsenceParams,
                        placeholders=COMMON_PLACEHOLDERS | {"count", "missing"}),
    "boilerplate": KindSpec(params=BoilerplateParams, needs_patterns=True),
    "boilerplate_model": KindSpec(
        params=BoilerplateModelParams,
        files={"model_from": ("model", True)},
        placeholders=COMMON_PLACEHOLDERS | {"score", "reasons"},
        reads_findings=True,
    ),
    "spun": KindSpec(
        params=SpunParams,
        files={"replacements_from": ("replacements", True)},
        placeholders=COMMON_PLACEHOLDERS | {"original"},
    ),
    "homoglyph": KindSpec(params=HomoglyphParams,
                          placeholders=COMMON_PLACEHOLDERS | {"words"}),
    "spun_copy": KindSpec(params=SpunCopyParams,
                          placeholders=COMMON_PLACEHOLDERS | {"signals"}),
    "keyphrase": KindSpec(params=KeyphraseParams,
                          placeholders=COMMON_PLACEHOLDERS | {"phrase", "reason"}),
    "stuffing": KindSpec(
        params=StuffingParams,
        placeholders=COMMON_PLACEHOLDERS | {"phrase", "count", "words", "share", "limit"},
    ),
    "density": KindSpec(
        params=DensityParams,
        placeholders=COMMON_PLACEHOLDERS | {"count", "words", "rate", "threshold", "examples"},
    ),
    "crossdoc": KindSpec(params=CrossdocParams,
                         placeholders=COMMON_PLACEHOLDERS | {"others", "count"}, run_level=True),
    "internal": KindSpec(),
}
