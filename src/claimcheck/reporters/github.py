"""GitHub Actions workflow commands: each finding an annotation on the file's line.

``::warning file=a.md,line=3,col=9,title=CC110 unsupported-efficacy-claim::message``, with
``::error`` for error severity and ``::notice`` for info. GitHub reads a command up to the end
of its line, so values are escaped as the Actions toolkit does: in the message ``%``, CR and
LF become ``%25``, ``%0D`` and ``%0A``; in a property (``file``, ``title``) ``:`` and ``,``
also become ``%3A`` and ``%2C``. A finding's text thus cannot end its line and forge another
command. Lone surrogates (undecodable bytes of file names) become U+FFFD.

An input that could not be read is an ``::error`` annotation on that file (``::notice`` when
skipped); the summary line goes to stderr unless ``quiet``.
"""

from __future__ import annotations

from claimcheck.escape import valid_unicode
from claimcheck.findings import Finding
from claimcheck.reporters.base import LineReporter, ReporterClass
from claimcheck.results import FileResult

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
_DATA = str.maketrans({"%": "%25", "\r": "%0D", "\n": "%0A"})
_PROPERTY = str.maketrans({"%": "%25", "\r": "%0D", "\n": "%0A", ":": "%3A", ",": "%2C"})


def escape_data(text: str) -> str:
    """A command's message, escaped so it stays on its line."""
    return valid_unicode(text).translate(_DATA)


def escape_property(text: str) -> str:
    """A command's property value, escaped so it ends neither the line nor the property."""
    return valid_unicode(text).translate(_PROPERTY)


def command(name: str, message: str, **properties: str | int) -> str:
    """One workflow command line: ``::name key=value,...::message``."""
    props = ",".join(f"{k}={escape_property(str(v))}" for k, v in properties.items())
    return f"::{name} {props}::{escape_data(message)}"


class GithubReporter(LineReporter):
    """Annotations to ``out``; the summary line to ``err``."""

    def result(self, result: FileResult) -> None:
        """One annotation per finding, or one for an input that failed."""
        if result.error is not None:
            name = "notice" if result.skipped else "error"
            title = "claimcheck skipped the input" if result.skipped else "claimcheck input error"
            self.out.write(command(name, result.error, file=result.origin, title=title) + "\n")
            return
        for f in sorted(result.findings, key=Finding.sort_key):
            self.out.write(self._finding(result.origin, f) + "\n")

    @staticmethod
    def _finding(origin: str, f: Finding) -> str:
        """The annotation of one finding: its message, then its suggestion on a second line."""
        message = f.message + (f"\nSuggestion: {f.suggestion}" if f.suggestion else "")
        return command(COMMANDS[str(f.severity)], message, file=origin, line=f.line,
                       col=f.column, title=f"{f.rule} {f.name}")  # fmt: skip


REPORTER: ReporterClass = GithubReporter  # this module is --format github
