"""A disk cache of the built pipeline, keyed by the lexicon pack's content hash.

Loading the YAML pack and compiling its matchers takes longer than checking a short article;
``cached_pipeline`` pickles the loaded RuleSet and the built pipeline once and reuses them
while every file the packs read, the spaCy version and the code that shapes the cached
objects are unchanged. The key hashes the pack folders without parsing them
(``pack_digest``), where they are, and the code; files that records name with ``*_from``
keys (possibly outside the pack) are listed in the cached RuleSet and re-hashed on every
hit, so an edit to one is seen although finding them needs the YAML. An unwritable or
corrupt cache is ignored: the pipeline is then simply built.

The cache pickles the Language itself, components and all (they are ordinary registered
components, ``nlp/factories.py``). ``nlp.to_disk`` + ``spacy.load`` gives the same pipeline
but rebuilds every component from its saved rules: about 2.6 s against 0.35 s for the pickle.
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

_FORMAT = 4  # 3: RuleSet.referenced, checked on every hit; 4: real components
# the subpackages that load, build and evaluate rules, and the modules they import (a test
# keeps this closed under their imports): their code shapes the cached objects
_CODE = ("nlp", "lexicon", "rules", "claims.py", "document.py", "errors.py", "findings.py",
         "paths.py", "positions.py", "version.py")  # fmt: skip


def code_files() -> list[Path]:
    """The source files hashed into the cache key."""
    root = Path(__file__).resolve().parents[1]
    out: list[Path] = []
    for name in _CODE:
        path = root / name
        out += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return out


def _build_digest(dirs: Sequence[Path]) -> str:
    """A hash of the code in :func:`code_files`, the versions, and where the packs are (the
    cached RuleSet names referenced files by absolute path)."""
    from spacy.about import __version__ as spacy_version

    from claimcheck.version import __version__

    digest = hashlib.sha256(f"{_FORMAT} {__version__} {spacy_version} {sys.version}".encode())
    for folder in dirs:
        digest.update(str(folder.resolve()).encode())
    for path in code_files():  # by full path: the key already depends on where packs are
        digest.update(path.as_posix().encode())
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
        key = f"{pack_digest(dirs)}-{_build_digest(dirs)}-{'p' if phrases is not None else 'n'}"
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
    if key is not None and _current(ruleset, key):  # the pack did not change while loading
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
    if not _current(ruleset, key):
        log.debug("pipeline cache %s is stale: a file named by a *_from key changed", path)
        return None
    if isinstance(words, dict):
        remember(words)
    log.debug("pipeline loaded from %s", path)
    return ruleset, nlp


def _current(ruleset: RuleSet, key: str) -> bool:
    """True when the files ``ruleset`` was loaded from still hash to its digest: the pack
    folders as the key saw them, and every referenced file as it is now."""
    from claimcheck.lexicon.loader import content_digest

    try:
        return ruleset.digest == content_digest(key.split("-")[0], ruleset.referenced)
    except OSError:  # a referenced file went away: rebuild, and the loader names it
        return False


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
