"""A disk cache of the built pipeline, keyed by the lexicon pack's content hash.

Loading the YAML pack and compiling its matchers takes longer than checking a short article;
``cached_pipeline`` pickles the loaded RuleSet and the built pipeline once and reuses them
while the pack files, the spaCy version and the code that builds the pipeline are unchanged.
The key is the pack's ``RuleSet.digest`` (recomputed from the same files without parsing
them). An unwritable or corrupt cache is ignored: the pipeline is then simply built.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from spacy.language import Language

from claimcheck.lexicon.model import RuleSet
from claimcheck.nlp.phrases import known_words, remember, remembered
from claimcheck.paths import cache_root

log = logging.getLogger(__name__)

_FORMAT = 2  # 2: the tokenized phrase lists travel with the pipeline
_CODE = ("nlp", "lexicon")  # subpackages whose code shapes the cached objects


def _code_digest() -> str:
    """A hash of the claimcheck modules that build the pipeline, plus versions."""
    from spacy.about import __version__ as spacy_version

    from claimcheck import __version__

    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256(f"{_FORMAT} {__version__} {spacy_version} {sys.version}".encode())
    for sub in _CODE:
        for path in sorted((root / sub).glob("*.py")):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cached_pipeline(
    extra: Sequence[Path] = (), phrases: Callable[[RuleSet], Iterable[str]] | None = None
) -> tuple[RuleSet, Language]:
    """The RuleSet and built pipeline for the default pack plus ``extra``, from cache if valid.

    ``phrases`` names the rules' phrase lists: they are tokenized once with the build and
    stored with it (``nlp.phrases.known_words``).
    """
    from claimcheck.lexicon.loader import default_lexicon_dir, load_lexicon, pack_digest
    from claimcheck.nlp.pipeline import build_nlp

    dirs = [default_lexicon_dir(), *(Path(p) for p in extra)]
    try:
        # a build that tokenized the phrase lists is not the same artefact as one that did not:
        # a run without them must not leave the CLI a cache that lacks them
        key = f"{pack_digest(dirs)}-{_code_digest()}-{'p' if phrases is not None else 'n'}"
    except OSError:
        key = None  # an unreadable pack: the loader reports it properly
    path = cache_root() / f"pipeline-{key}.pickle"
    if key is not None:
        loaded = _load(path, key)
        if loaded is not None:
            return loaded
    ruleset = load_lexicon(list(extra))
    nlp = build_nlp(ruleset)
    for phrase in phrases(ruleset) if phrases is not None else ():
        known_words(phrase)
    if key is not None and ruleset.digest == key.split("-")[0]:
        _store(path, key, ruleset, nlp)
    return ruleset, nlp


def _load(path: Path, key: str) -> tuple[RuleSet, Language] | None:
    """The cached pair, or None when missing, stale or unreadable."""
    try:
        with path.open("rb") as fh:
            stored_key, ruleset, nlp, words = pickle.load(fh)  # our own file, in the user cache
    except FileNotFoundError:
        return None
    except Exception:  # a corrupt or incompatible cache file: rebuild
        log.debug("ignoring unreadable pipeline cache %s", path, exc_info=True)
        return None
    if stored_key != key or not isinstance(ruleset, RuleSet) or not isinstance(nlp, Language):
        return None
    if isinstance(words, dict):
        remember(words)
    log.debug("pipeline loaded from %s", path)
    return ruleset, nlp


def _store(path: Path, key: str, ruleset: RuleSet, nlp: Language) -> None:
    """Write the pair atomically; failures (read-only home, full disk) are only logged."""
    tmp: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=".pipeline-", suffix=".tmp")
        tmp = Path(name)
        with os.fdopen(fd, "wb") as fh:
            pickle.dump((key, ruleset, nlp, remembered()), fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
        _prune(path.parent)
    except Exception:  # unwritable cache dir or an object that cannot be pickled
        log.debug("pipeline cache not written to %s", path, exc_info=True)
        if tmp is not None:
            with contextlib.suppress(OSError):
                tmp.unlink()


def _prune(folder: Path, keep: int = 4) -> None:
    """Delete all but the ``keep`` newest pipeline pickles: old packs and versions pile up."""
    pickles = sorted(folder.glob("pipeline-*.pickle"), key=lambda p: p.stat().st_mtime)
    for old in pickles[:-keep]:
        with contextlib.suppress(OSError):
            old.unlink()
