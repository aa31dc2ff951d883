"""The library's error types, each a ``ClaimcheckError`` with a one-line message. A few
subclasses live beside the code that raises them (``extract.language.SkippedInput``); only the
CLI maps them to exit codes."""

from __future__ import annotations


class ClaimcheckError(Exception):
    """Base class: a failure the user can act on, with a one-line message."""

    code = "claimcheck-error"


class InputError(ClaimcheckError):
    """One input (file, directory, stdin, URL) could not be read or parsed.

    The message names the input and the reason; the run goes on with the other inputs.
    """

    code = "input-error"

    def __init__(self, origin: str, reason: str) -> None:
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str]]:
        """Pickle as (origin, reason): --jobs sends unreadable inputs to worker processes."""
        return (type(self), (self.origin, self.reason))


class FetchError(InputError):
    """A URL could not be fetched (network, HTTP status, size, type, robots.txt, SSRF guard)."""

    code = "fetch-error"


class ExtractError(InputError):
    """A page or file was read but no article text could be extracted from it."""

    code = "extract-error"


class LexiconError(ClaimcheckError):
    """A lexicon file is malformed: names the file, the rule id and the offending key."""

    code = "lexicon-error"


class ConfigError(ClaimcheckError):
    """A configuration value or command-line option is invalid."""

    code = "config-error"


class OutputError(ClaimcheckError):
    """The report cannot be written where it was asked to go (``--output-file``)."""

    code = "output-error"
