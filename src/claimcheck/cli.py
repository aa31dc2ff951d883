"""The command line: parses options, calls the library, picks a reporter, exits.

Exit codes (decided in claimcheck.outcome): 0 nothing at or above --fail-on, 1 findings at or
above it, 2 usage/configuration/lexicon/output-file error, 3 some input could not be read,
130 interrupted.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import click

from claimcheck.config_keys import CommandLineOnly
from claimcheck.errors import (
    ClaimcheckError,
    ConfigError,
    LexiconError,
    OutputError,
)
from claimcheck.escape import visible
from claimcheck.findings import Severity
from claimcheck.logsetup import configure_logging, quieten_logging
from claimcheck.outcome import ExitCode
from claimcheck.reporters import format_names, needs_text
from claimcheck.version import __version__

if TYPE_CHECKING:  # the heavy modules load only when a command needs them
    from claimcheck.api import CheckOptions
    from claimcheck.config import FileConfig
    from claimcheck.lexicon.model import Rule

DOC_TIMEOUT = 120.0  # seconds per input: generous (10 MB of prose checks in under a minute)

SEVERITIES = ["info", "warning", "error"]
log = logging.getLogger("claimcheck")


def _split(values: Sequence[str]) -> tuple[str, ...]:
    """Accept repeated and comma-separated rule selectors."""
    return tuple(v.strip() for item in values for v in item.split(",") if v.strip())


lexicon_option = click.option(
    "--lexicon", "lexicons", multiple=True, type=click.Path(file_okay=False),
    help="Extra lexicon pack directory (adds to or overrides the default pack).",
)  # fmt: skip


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="claimcheck")
@click.option("-v", "--verbose", count=True, help="More log output on stderr (-vv for debug).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, exists=True),
              help="Configuration file (default: nearest .claimcheck.toml or pyproject.toml "
                   "with [tool.claimcheck]).")
@click.option("--no-config", is_flag=True, help="Ignore configuration files.")
@click.pass_context
def cli(ctx: click.Context, verbose: int, config_path: str | None, no_config: bool) -> None:
    """Check health articles for unsupported medical claims, missing caveats and sources,
    and template or spam boilerplate."""
    from claimcheck.config import FileConfig, find_config, load_config_file
    from claimcheck.config_keys import default_map

    configure_logging(verbose)  # log lines name inputs: their control characters shown
    if no_config:
        config = FileConfig(None, {})
    elif config_path:
        config = load_config_file(Path(config_path))
    else:
        config = find_config()
    ctx.default_map = default_map(cli, config)  # every subcommand's, values checked
    ctx.obj = config


@cli.command()
@click.argument("targets", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(format_names()), default="text",
              show_default=True,
              help="Output format (concise: one line per finding; github: Actions annotations; "
                   "sarif: SARIF 2.1.0 for code scanning; jsonl: one line per document as it "
                   "is finished; csv: every document ranked by risk).")
@click.option("--fail-on", type=click.Choice([*SEVERITIES, "never"]), default="error",
              show_default=True, help="Exit 1 when a finding has at least this severity.")
@click.option("--min-severity", type=click.Choice(SEVERITIES), default="info",
              show_default=True, help="Hide findings below this severity.")
@click.option("--select", multiple=True,
              help="Only these rules (ids, id prefixes like CC1, or names).")
@click.option("--ignore", multiple=True, help="Skip these rules (ids, prefixes or names).")
@click.option("--preview", is_flag=True, help="Also run rules marked as preview.")
@click.option("--stdin-format", type=click.Choice(["txt", "md", "html"]), default="txt",
              show_default=True, help="How to read '-' (standard input).")
@click.option("--stdin-filename", metavar="NAME", cls=CommandLineOnly,
              help="The name '-' (standard input) is reported under in every format, e.g. "
                   "the path it was read from (default: <stdin>).")
@click.option("--html", "html_mode", type=click.Choice(["page", "article"]), default="page",
              show_default=True,
              help="HTML files and stdin: the whole page minus scripts, navigation and footers, "
                   "or only the main article (as for URLs).")
@lexicon_option
@click.option("--max-bytes", type=click.IntRange(min=1), default=10 * 1024 * 1024,
              show_default=True,
              help="Refuse input files larger than this.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=20.0,
              show_default=True,
              help="Seconds allowed per URL, all included: connecting, headers, body, "
                   "redirects, retries and robots.txt.")
@click.option("--allow-private-hosts", is_flag=True, cls=CommandLineOnly,
              help="Allow URLs on loopback/private networks (off: SSRF guard).")
@click.option("--ignore-robots", is_flag=True, cls=CommandLineOnly,
              help="Fetch URLs even where robots.txt disallows.")
@click.option("--no-cache", is_flag=True,
              help="Do not use the on-disk caches (fetched pages and checked documents).")
@click.option("--color/--no-color", default=None,
              help="Force colour on or off (default: on a terminal, unless NO_COLOR is set).")
@click.option("-o", "--output-file", type=click.Path(), cls=CommandLineOnly,
              help="Write the report to this file (UTF-8, replaced) instead of stdout; input "
                   "errors and the summary still go to stderr.")
@click.option("-q", "--quiet", is_flag=True,
              help="Only findings and input errors: no notes, summary or log output "
                   "(overrides -v).")
@click.option("--check-quotes", is_flag=True,
              help="Also judge claims inside blockquotes (skipped by default: quoted speech).")
@click.option("--jsonl", "jsonl_file", metavar="FILE", cls=CommandLineOnly,
              help="Also check the submissions in this JSON Lines file ('-': stdin): one object "
                   "per line with 'id' and one of 'text', 'markdown', 'html' or 'url' (optional "
                   "'author', 'title', 'site').")
@click.option("--urls", "urls_file", metavar="FILE", cls=CommandLineOnly,
              help="Also check the addresses (or paths) listed in this file, one per line.")
@click.option("--resume", is_flag=True, cls=CommandLineOnly,
              help="With --format jsonl -o FILE: keep the documents FILE already holds and "
                   "report only the others (after Ctrl-C or a killed run).")
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True,
              help="How many of the riskiest documents the summary lists.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes (results keep the input order).")
@click.option("--doc-timeout", type=click.FloatRange(min=0), default=DOC_TIMEOUT,
              show_default=True,
              help="Seconds one input may take to parse and check; then its worker is stopped "
                   "and the input reported as failed (0: no limit).")
def check(targets: tuple[str, ...], fmt: str, fail_on: str, min_severity: str,
          select: tuple[str, ...], ignore: tuple[str, ...], preview: bool, stdin_format: str,
          lexicons: tuple[str, ...], max_bytes: int, timeout: float, allow_private_hosts: bool,
          ignore_robots: bool, no_cache: bool, color: bool | None, jobs: int,
          check_quotes: bool, html_mode: str, doc_timeout: float,
          stdin_filename: str | None, output_file: str | None, quiet: bool,
          jsonl_file: str | None, urls_file: str | None, resume: bool, top: int) -> None:
    """Check TARGETS: files (.txt, .md, .html), directories, globs, URLs, or - for stdin;
    and the submissions of --jsonl and the addresses of --urls.

    \b
    Exit codes:
      0  no finding at or above --fail-on
      1  findings at or above --fail-on
      2  usage, configuration or lexicon error, or --output-file cannot be written
      3  some input could not be read (the others were still checked)
      130  interrupted (Ctrl-C): finished documents are reported, the rest were not checked
    """
    from claimcheck.api import CheckOptions, Linter
    from claimcheck.checkrun import FetchSettings, RunSettings, execute
    from claimcheck.config import FileConfig
    from claimcheck.inputs import LoadOptions
    from claimcheck.nlp.cache import cached_pipeline
    from claimcheck.resultcache import ResultCache, engine_key
    from claimcheck.rules import rule_phrases

    if not (targets or jsonl_file or urls_file):
        raise click.UsageError("nothing to check: give TARGETS, --jsonl FILE or --urls FILE")
    if resume and not (output_file and fmt == "jsonl"):
        raise click.UsageError("--resume needs --format jsonl and -o FILE (the earlier output)")
    if quiet:
        quieten_logging()
    config = click.get_current_context().find_object(FileConfig)
    options = CheckOptions(select=_split(select), ignore=_split(ignore), preview=preview,
                           min_severity=Severity.parse(min_severity), check_quotes=check_quotes,
                           per_path=config.per_path() if config else (),
                           keep_text=needs_text(fmt))  # fmt: skip
    ruleset, nlp = cached_pipeline([Path(p) for p in lexicons], lambda rs: rule_phrases(rs.rules))
    _check_selectors(config, options, ruleset.rules)
    linter = Linter(ruleset, options, nlp=nlp)
    if not linter.rules:
        raise ConfigError("no rules selected: check --select and --ignore")
    if not no_cache:
        # the quote policy and per-path ignores filter after the cache: they do not key it
        shaping = replace(linter.options, check_quotes=False, per_path=(), batch_size=0)
        engine = engine_key(ruleset.digest, (r.id for r in linter.rules), shaping)
        linter.result_cache = ResultCache.default(engine)
    run = RunSettings(
        targets=targets, fmt=fmt, output_file=output_file, jsonl_file=jsonl_file,
        urls_file=urls_file, resume=resume, top=top, jobs=jobs, doc_timeout=doc_timeout or None,
        quiet=quiet, color=color,
        load=LoadOptions(stdin_format=stdin_format, max_bytes=max_bytes, html_mode=html_mode,
                         stdin_name=stdin_filename or None,
                         parse_later=True),  # parsed in the workers, under --doc-timeout
        fetch=FetchSettings(timeout, allow_private_hosts, ignore_robots, no_cache),
    )
    summary = execute(linter, run)
    threshold = None if fail_on == "never" else Severity.parse(fail_on)
    sys.exit(int(summary.exit_code(threshold)))




def _check_selectors(
    config: FileConfig | None, options: CheckOptions, rules: Sequence[Rule]
) -> None:
    """Every --select/--ignore and per-path selector must name a rule; errors say where it
    was written (the option, or the configuration file and key)."""
    from click.core import ParameterSource

    from claimcheck.rules import check_selectors

    ctx = click.get_current_context()
    for name in ("select", "ignore"):
        configured = ctx.get_parameter_source(name) is ParameterSource.DEFAULT_MAP
        where = f"{config.path}: key '{name}'" if configured and config else f"--{name}"
        check_selectors(where, getattr(options, name), rules)
    for glob, selectors in options.per_path:
        path = config.path if config else "configuration"
        check_selectors(f"{path}: per-path '{glob}': key 'ignore'", selectors, rules)








@cli.command()
@click.argument("rule", required=False)
@lexicon_option
def rules(rule: str | None, lexicons: tuple[str, ...]) -> None:
    """List every rule, or explain one (by id like CC101 or by name)."""
    from claimcheck.lexicon.loader import load_lexicon
    from claimcheck.rules_doc import explain_rule, rule_table

    ruleset = load_lexicon([Path(p) for p in lexicons])
    if rule is None:
        click.echo(rule_table(ruleset.rules))
        return
    found = ruleset.rule(rule)
    if found is None:
        raise ConfigError(f"unknown rule {rule!r}: run 'claimcheck rules' for the list")
    click.echo(explain_rule(found))


@cli.group()
def lexicon() -> None:
    """Validate or export lexicon packs."""


@lexicon.command("validate")
@click.argument("directories", nargs=-1, type=click.Path(file_okay=False))
@lexicon_option
def lexicon_validate(directories: tuple[str, ...], lexicons: tuple[str, ...]) -> None:
    """Load the default pack, --lexicon and DIRECTORIES; compile each pattern with validation."""
    from claimcheck.lexicon.loader import load_lexicon
    from claimcheck.lexicon.validate import validate_patterns

    ruleset = load_lexicon([Path(d) for d in (*lexicons, *directories)])
    validate_patterns(ruleset)
    click.echo(f"ok: {len(ruleset.rules)} rules, {len(ruleset.claim_patterns)} claim patterns, "
               f"{len(ruleset.modifiers)} modifier groups (digest {ruleset.digest})")  # fmt: skip


@lexicon.command("export")
@click.option("--jsonl", "jsonl", is_flag=True, required=True, cls=CommandLineOnly,
              help="spaCy patterns.jsonl format.")
@lexicon_option
def lexicon_export(jsonl: bool, lexicons: tuple[str, ...]) -> None:
    """Write every pattern as spaCy-native JSONL (for debugging in spaCy or Prodigy)."""
    import json

    from claimcheck.lexicon.compile import all_patterns
    from claimcheck.lexicon.loader import load_lexicon

    for _origin, pattern in all_patterns(load_lexicon([Path(p) for p in lexicons])):
        click.echo(json.dumps(pattern, ensure_ascii=False))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; map library errors to exit code 2 and never show a traceback."""
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="claimcheck",
                 standalone_mode=False)  # fmt: skip
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        return int(ExitCode.USAGE)
    except click.exceptions.Abort:
        click.echo("claimcheck: aborted", err=True)
        return int(ExitCode.USAGE)
    except (LexiconError, ConfigError, OutputError) as exc:
        click.echo(f"claimcheck: error: {visible(str(exc))}", err=True)
        return int(ExitCode.USAGE)
    except ClaimcheckError as exc:
        click.echo(f"claimcheck: error: {visible(str(exc))}", err=True)
        return int(ExitCode.INPUT)
    except SystemExit as exc:
        return int(exc.code or 0) if isinstance(exc.code, int | None) else int(ExitCode.USAGE)
    except BrokenPipeError:
        return int(ExitCode.OK)
    except Exception as exc:  # a bug: say so in one line, never a traceback (-vv logs it)
        log.debug("internal error", exc_info=True)
        click.echo(f"claimcheck: internal error: {type(exc).__name__}: {visible(str(exc))}",
                   err=True)  # fmt: skip
        return int(ExitCode.USAGE)
    return int(ExitCode.OK)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
