"""The `mus` command: parse options, call the library, turn problems into exit codes.

Exit codes: 0 fine, 1 problems found (or a list not empty with --fail-if-any, or a
command that could not do its work), 2 usage error. Library errors (`MusError`) and
failures of the file system become one line, `Error: ...`, here at the boundary.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import click

from mus_build import __version__
from mus_build.check.config import load_config, written_language
from mus_build.check.fields import ISO_DATE
from mus_build.check.load import Sources, load_sources
from mus_build.check.problems import Problem, errors, format_github, format_json, sort_problems, summary
from mus_build.errors import MusError
from mus_build.messages import of_click, say, speaking
from mus_build.model.dates import RANGE, in_range, today_in
from mus_build.model.derive import Derived, VoidedSignOff
from mus_build.model.settings import Config
from mus_build.pages import rows
from mus_build.timings import Timings

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

# Click's own errors ("Missing argument", "No such option") speak the handbook's language too.
of_click.install()


def handbook_file(args: list[str]) -> Path:
    """The mkdocs.yml a command line names with -f/--config-file, or ./mkdocs.yml: read
    before Click parses the line, so that its errors are in the handbook's language."""
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg in ("-f", "--config-file") and i + 1 < len(args):
            return Path(args[i + 1])
        if arg.startswith("--config-file="):
            return Path(arg.partition("=")[2])
        if arg.startswith("-f") and len(arg) > 2 and not arg.startswith("--"):
            return Path(arg[2:])
    return Path.cwd() / "mkdocs.yml"


class MusCommand(click.Command):
    def get_usage(self, ctx: click.Context) -> str:
        # Only an error asks for the usage line alone; --help stays English.
        with of_click.usage_of_an_error():
            return super().get_usage(ctx)


class MusGroup(click.Group):
    """Speaks the handbook's language from the first word (the language mkdocs.yml names,
    else Danish, the default), and turns what the library cannot do into one clear line
    and exit code 1."""

    command_class = MusCommand

    def main(self, args: Any = None, *more: Any, **options: Any) -> Any:
        line = list(sys.argv[1:] if args is None else args)
        with speaking(written_language(handbook_file(line))):
            return super().main(args, *more, **options)

    def get_usage(self, ctx: click.Context) -> str:
        with of_click.usage_of_an_error():
            return super().get_usage(ctx)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except MusError as exc:
            raise click.ClickException(str(exc)) from None
        except OSError as exc:  # a full disk, a folder that cannot be written
            where = f"{exc.filename}: " if exc.filename else ""
            raise click.ClickException(f"{where}{exc.strerror or exc}") from None


class IsoDate(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> dt.date:
        if isinstance(value, dt.date):
            return value
        if ISO_DATE.fullmatch(value):
            try:
                day = dt.date.fromisoformat(value)
            except ValueError:
                pass
            else:
                if in_range(day):
                    return day
                self.fail(say("cli_date_range", range=RANGE, value=value), param, ctx)
        self.fail(say("cli_date_format", value=value), param, ctx)


config_option = click.option(
    "-f",
    "--config-file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The handbook's mkdocs.yml (default: ./mkdocs.yml).",
)
today_option = click.option(
    "--today",
    type=IsoDate(),
    default=None,
    help="Compute states as of this date instead of today in the configured time zone.",
)


@click.group(cls=MusGroup, context_settings=CONTEXT)
@click.version_option(__version__, "--version", prog_name="mus")
def main() -> None:
    """Turn MUS records and the MUS guide into an internal handbook site.

    Run the commands in the folder that holds mkdocs.yml, or point at it with -f.
    """


# --- reading the handbook ------------------------------------------------------------


@dataclass
class Loaded:
    config: Config
    sources: Sources
    today: dt.date
    problems: list[Problem]  # in mkdocs.yml and in the sources

    @property
    def files(self) -> int:
        return self.sources.files + 1  # mkdocs.yml too


def config_path(config_file: Path | None) -> Path:
    path = config_file or Path.cwd() / "mkdocs.yml"
    if not path.is_file():
        raise click.UsageError(say("cli_no_config", path=path))
    return path.resolve()


def load(config_file: Path | None, today: dt.date | None, timings: Timings | None = None) -> Loaded:
    """Read mkdocs.yml and every source; `today` defaults to the date in the handbook's time zone."""
    config, problems = load_config(config_path(config_file))
    day = today or today_in(config.settings.timezone)
    sources = load_sources(config, day, timings)
    return Loaded(config, sources, day, problems + sources.problems)


def load_valid(
    config_file: Path | None,
    today: dt.date | None,
    timings: Timings | None = None,
    failed: Callable[[], str] | None = None,
) -> Loaded:
    """As `load`, but print the problems (and `failed()`, said once the handbook's
    language is known) and exit 1 when there is an error."""
    loaded = load(config_file, today, timings)
    if errors(loaded.problems):
        print_problems(loaded.problems, loaded.files, "text")
        if failed:
            click.echo(failed(), err=True)
        exit_with(1)
    return loaded


def print_problems(problems: list[Problem], files: int, fmt: str) -> None:
    ordered = sort_problems(problems)
    if fmt == "json":
        click.echo(format_json(ordered))
        click.echo(summary(ordered, files), err=True)
        return
    if fmt == "github":
        for problem in ordered:
            click.echo(format_github(problem))
    # Actions shows only ten annotations per step, so the full list follows as text.
    for problem in ordered:
        click.echo(str(problem))
    click.echo(summary(ordered, files))


def exit_with(code: int) -> NoReturn:
    raise click.exceptions.Exit(code)


# --- commands ------------------------------------------------------------------------


@main.command(context_settings=CONTEXT)
@config_option
@today_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "github", "json"]),
    default="text",
    show_default=True,
    help="text for people, github for Actions annotations, json for programs.",
)
@click.option("--strict", is_flag=True, help="Fail on warnings too (empty evaluations, old records).")
def check(config_file: Path | None, today: dt.date | None, fmt: str, strict: bool) -> None:
    """Check every person and record; report every problem as path:line: message.

    \b
    Example:
      mus check
      mus check --format github      # in a pull-request workflow
    """
    loaded = load(config_file, today)
    print_problems(loaded.problems, loaded.files, fmt)
    failing = loaded.problems if strict else errors(loaded.problems)
    exit_with(1 if failing else 0)


# Each process of a build holds the whole handbook's list of pages (about 375 MiB at
# 10,000 people): a runner with 64 cores must not start 64 of them unasked.
MOST_JOBS_BY_DEFAULT = 4


def voided_sign_offs(loaded: Loaded) -> frozenset[VoidedSignOff]:
    """The sign-offs a later change voided, from the Git history, as the site counts them;
    without a history to read, none, and one line aside saying why."""
    from mus_build.history.run import for_site

    proof = for_site(loaded.config.root, loaded.sources.handbook)
    if proof.notice:
        click.echo(proof.notice, err=True)
    return proof.voided


def default_jobs() -> int:
    """One process per core this process may use, at most MOST_JOBS_BY_DEFAULT."""
    from mus_build.publish.processes import usable_cores

    return min(usable_cores(), MOST_JOBS_BY_DEFAULT)


@main.command(context_settings=CONTEXT)
@config_option
@today_option
@click.option(
    "-d",
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where the site goes (default: site/ beside mkdocs.yml).",
)
@click.option(
    "--audience",
    type=click.Choice(["all", "guide"]),
    default="all",
    show_default=True,
    help="all: every page, list and export, with everyone's conversations: serve it only with "
    "the rules of `mus nginx`; guide: the guide, the question guide and the blank sheets, with "
    "no personal data at all, safe to put on any intranet.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help=f"How many processes build the pages; default: one per core, at most {MOST_JOBS_BY_DEFAULT}.",
)
@click.option("-q", "--quiet", is_flag=True, help="Print only problems.")
@click.option("--timings", is_flag=True, help="Print how long each step took.")
def build(
    config_file: Path | None,
    today: dt.date | None,
    site_dir: Path | None,
    audience: str,
    jobs: int | None,
    quiet: bool,
    timings: bool,
) -> None:
    """Check everything, then build the site; the previous site stays if anything fails.

    \b
    Example:
      mus build
      mus build --today 2026-11-26 -d /srv/mus-site
      mus build --audience guide -d /srv/mus-guide
      mus build -j 4
    """
    from mus_build.publish.build import build_site  # mkdocs and the page generators load only for a build

    clock = Timings()
    loaded = load_valid(config_file, today, clock, failed=lambda: say("build_failed"))
    echo = (lambda message: None) if quiet else click.echo
    # Step-by-step progress only for a person watching a terminal; CI logs stay short.
    interactive = not quiet and sys.stderr.isatty() and not os.environ.get("CI")
    progress = (lambda message: click.echo(message, err=True)) if interactive else (lambda message: None)
    config, day = loaded.config, loaded.today
    target = (site_dir or config.root / "site").absolute()
    voided: frozenset[VoidedSignOff] = frozenset()
    if audience == "all":  # a site of the guide alone shows no records
        clock_start = time.perf_counter()
        voided = voided_sign_offs(loaded)
        clock.measure("sign-offs from Git", clock_start)
    build_site(
        config, loaded.sources, day, target, echo, clock, progress, audience, jobs or default_jobs(), voided
    )
    echo(say("build_done", day=day.isoformat(), target=target))
    if timings:
        width = max(map(len, clock.steps), default=0)
        for step, seconds in clock.steps.items():
            click.echo(f"{step:>{width}}: {seconds:6.2f} s")


list_format = click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
    help="table for people and job summaries, csv or json for programs.",
)
fail_if_any = click.option("--fail-if-any", is_flag=True, help="Exit 1 when the list is not empty.")


def print_list(
    found: list[dict], fmt: str, table_columns: list[str], csv_columns: list[str], empty: str, fail: bool
) -> None:
    if fmt == "json":
        click.echo(rows.as_json(found))
    elif fmt == "csv":
        click.echo(rows.as_csv(found, csv_columns), nl=False)
    else:
        click.echo(rows.as_table(found, table_columns, empty))
    exit_with(1 if fail and found else 0)


@main.command(context_settings=CONTEXT)
@config_option
@today_option
@list_format
@fail_if_any
def overdue(config_file: Path | None, today: dt.date | None, fmt: str, fail_if_any: bool) -> None:
    """List open agreements past their deadline, oldest deadline first.

    \b
    Example:
      mus overdue --format table >> "$GITHUB_STEP_SUMMARY"
      mus overdue --format json --today 2026-11-26
    """
    loaded = load_valid(config_file, today)
    found = rows.overdue_rows(Derived(loaded.sources.handbook, loaded.config.settings, loaded.today))
    print_list(found, fmt, rows.OVERDUE_TABLE, rows.OVERDUE_CSV, say("cli_no_overdue"), fail_if_any)


@main.command(context_settings=CONTEXT)
@config_option
@today_option
@list_format
@fail_if_any
def due(config_file: Path | None, today: dt.date | None, fmt: str, fail_if_any: bool) -> None:
    """List people due for their yearly MUS, the latest first, then those with none yet.

    \b
    Example:
      mus due --format csv > mangler-mus.csv
    """
    loaded = load_valid(config_file, today)
    found = rows.due_rows(Derived(loaded.sources.handbook, loaded.config.settings, loaded.today))
    print_list(found, fmt, rows.DUE_TABLE, rows.DUE_CSV, say("cli_nobody_due"), fail_if_any)


@main.command("round", context_settings=CONTEXT)
@config_option
@today_option
@list_format
def round_command(config_file: Path | None, today: dt.date | None, fmt: str) -> None:
    """Print the MUS round: per department and per manager, how many have held their MUS,
    who is due, referater awaiting sign-off, open and overdue agreements, and the share
    with a current development agreement (the figures of the page MUS-runden).

    The table and the CSV speak the handbook's language; the CSV opens in Danish Excel.
    JSON has stable English keys.

    \b
    Example:
      mus round
      mus round --format csv > mus-runden.csv
      mus round --format json --today 2026-11-26
    """
    from mus_build.model.round import round_figures
    from mus_build.pages import round_rows
    from mus_build.pages.texts import Texts

    loaded = load_valid(config_file, today)
    handbook = loaded.sources.handbook
    # Awaiting sign-off counts the sign-offs a later change voided as missing, as the site does.
    found = round_figures(Derived(handbook, loaded.config.settings, loaded.today, voided_sign_offs(loaded)))
    texts = Texts(loaded.config.settings.language)
    if fmt == "json":
        click.echo(round_rows.as_json(found, handbook))
    elif fmt == "csv":
        click.echo(round_rows.as_csv(found, handbook, texts), nl=False)
    else:
        click.echo(round_rows.as_text(found, handbook, texts))


def smtp_address(value: str | None) -> tuple[str, int | None] | None:
    if value is None:
        return None
    host, colon, port = value.rpartition(":")
    if not colon:
        host, port = value, ""
    if not host or (port and not (port.isdigit() and 1 <= int(port) <= 65535)):
        raise click.BadParameter(say("cli_smtp_address", value=value))
    return host, int(port) if port else None


@main.command(context_settings=CONTEXT)
@config_option
@today_option
@click.option("--send", is_flag=True, help="Send the mails; without it, print them (a dry run).")
@click.option(
    "--only",
    type=click.Choice(["overdue", "due-soon", "mus"]),
    multiple=True,
    help="Only these reminders (repeat for more): overdue agreements, agreements due soon, people due for MUS.",
)
@click.option("--to", "to", metavar="ID", help="Only the mail of this person (or role with an e-mail).")
@click.option("--smtp", "smtp_server", metavar="HOST:PORT", help="The SMTP server, instead of the settings'.")
@click.option(
    "--security",
    type=click.Choice(["none", "starttls", "tls"]),
    help="How to talk to the server (default starttls).",
)
@click.option("--from", "sender", metavar="ADDRESS", help="The sender's address, instead of the settings'.")
def remind(
    config_file: Path | None,
    today: dt.date | None,
    send: bool,
    only: tuple[str, ...],
    to: str | None,
    smtp_server: str | None,
    security: str | None,
    sender: str | None,
) -> None:
    """Mail each person what is overdue or due soon, and each manager their team's.

    Without --send it prints every mail instead. The SMTP login comes from the
    environment only: MUS_SMTP_USER and MUS_SMTP_PASSWORD. Exits 1 when any mail
    could not be sent; the others are sent all the same.

    \b
    Example:
      mus remind                                   # see what would be sent
      mus remind --send
      mus remind --send --smtp 127.0.0.1:1025 --security none --from mus@firma.dk --to anna-jensen
    """
    from mus_build.remind.digests import Kind
    from mus_build.remind.run import Options
    from mus_build.remind.run import remind as run_reminders

    server = smtp_address(smtp_server)
    loaded = load_valid(config_file, today, failed=lambda: say("remind_failed"))
    kinds = tuple(Kind(kind) for kind in only) or tuple(Kind)
    options = Options(send, kinds, to, server, security, sender)
    echo = lambda line, error: click.echo(line, err=error)  # noqa: E731
    ok = run_reminders(loaded.config, loaded.sources.handbook, loaded.today, options, os.environ, echo)
    exit_with(0 if ok else 1)


@main.command("new", context_settings=CONTEXT)
@config_option
@click.argument("person")
@click.option("--date", "day", type=IsoDate(), default=None, help="The conversation's date (default: today).")
def new(config_file: Path | None, person: str, day: dt.date | None) -> None:
    """Write a new record for PERSON, with follow-up items for earlier agreements.

    The file gets the question guide's topics as headings; it never overwrites.

    \b
    Example:
      mus new anna-jensen --date 2026-03-12
    """
    from mus_build.scaffold.new import new_record

    loaded = load_valid(config_file, None)
    sources = loaded.sources
    rel = new_record(loaded.config.root, sources.handbook, sources.topics, person, day or loaded.today)
    click.echo(say("new_wrote", path=rel))


@main.command("new-person", context_settings=CONTEXT)
@config_option
@click.argument("person_id")
@click.option("--name", required=True, help="Full name as shown, e.g. 'Søren Aabye'.")
@click.option("--title", help="Job title.")
@click.option("--department", help="Department or team.")
@click.option("--manager", help="Person id of the nearest manager.")
def new_person_command(
    config_file: Path | None,
    person_id: str,
    name: str,
    title: str | None,
    department: str | None,
    manager: str | None,
) -> None:
    """Write content/people/PERSON_ID/index.md for a new person; never overwrites.

    \b
    Example:
      mus new-person soeren-aabye --name "Søren Aabye" --manager henrik-friis
    """
    from mus_build.scaffold.new import new_person

    loaded = load_valid(config_file, None)
    rel = new_person(loaded.config.root, loaded.sources.handbook, person_id, name, title, department, manager)
    click.echo(say("new_wrote", path=rel))


def column_choices(values: tuple[str, ...]) -> dict[str, str]:
    from mus_build.people_import.columns import HEADERS

    chosen = {}
    for value in values:
        key, equals, header = value.partition("=")
        if not equals or key.strip() not in HEADERS or not header.strip():
            raise click.BadParameter(
                say("cli_column", fields=", ".join(HEADERS), value=value), param_hint="--column"
            )
        chosen[key.strip()] = header.strip()
    return chosen


@main.command("import-people", context_settings=CONTEXT)
@config_option
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--write", is_flag=True, help="Write the changes; without it, only print them (a dry run).")
@click.option(
    "--column",
    "columns",
    multiple=True,
    metavar="FIELD=HEADER",
    help="Read FIELD from the column headed HEADER (repeatable), e.g. --column 'name=Fulde navn'.",
)
@click.option(
    "--mark-left", type=IsoDate(), default=None, help="Give people missing from the file left: DATE."
)
def import_people_command(
    config_file: Path | None, file: Path, write: bool, columns: tuple[str, ...], mark_left: dt.date | None
) -> None:
    """Bring people in from an HR system's export (.csv or .xlsx) and keep them in sync.

    Matches people by e-mail or stored employee number, makes new people, and updates
    title, department, manager, e-mail, started and left. Writes only the people's
    index.md files, only those keys; nobody is ever removed. Any problem in the file
    is reported with its row number, and then nothing is written.

    \b
    Example:
      mus import-people medarbejdere.csv
      mus import-people medarbejdere.xlsx --write
      mus import-people export.csv --column "name=Fulde navn" --mark-left 2026-11-30 --write
    """
    from mus_build.people_import.messages import Say
    from mus_build.people_import.run import import_people

    if not file.is_file():  # checked here, not by Click, whose words for it stay English
        raise click.BadParameter(say("cli_no_file", path=file), param_hint="'FILE'")
    chosen = column_choices(columns)
    loaded = load_valid(config_file, None, failed=lambda: say("import_failed_handbook"))
    language = loaded.config.settings.language
    tell = Say(language)
    outcome = import_people(
        loaded.config.root, loaded.sources.handbook, language, file, str(file), chosen, mark_left, write
    )
    if outcome.problems:
        for problem in outcome.problems:
            click.echo(problem)
        click.echo(tell("problems", count=len(outcome.problems), file=file), err=True)
        click.echo(tell("nothing_written"), err=True)
        exit_with(1)
    for line in outcome.lines:
        click.echo(line)
    if not write:
        click.echo(tell("dry_run"))
        return
    click.echo(tell("written", files=outcome.written))
    # The import checks what it writes; a problem here is a bug, and it must show.
    load_valid(config_file, None)


@main.command(context_settings=CONTEXT)
@config_option
@today_option
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address to serve on.")
def serve(config_file: Path | None, today: dt.date | None, dev_addr: str) -> None:
    """Preview the site on localhost; it rebuilds when a record or guide page changes.

    \b
    Example:
      mus serve
      mus serve -a 127.0.0.1:8080
    """
    from mus_build.publish.serve import serve as run_server

    path = config_path(config_file)
    host, _, port = dev_addr.rpartition(":")
    if not host or not port.isdigit():
        raise click.BadParameter(say("cli_dev_addr"), param_hint="--dev-addr")
    timezone = load_config(path)[0].settings.timezone
    run_server(path, lambda: today or today_in(timezone), host, int(port), click.echo)


@main.command(context_settings=CONTEXT)
@config_option
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def nginx(config_file: Path | None, directory: Path) -> None:
    """Write the web server's access rules for the site into DIRECTORY.

    DIRECTORY/mus-http.conf goes inside nginx's http { }, DIRECTORY/mus-server.conf
    inside the server { } whose root is the site `mus build` wrote. Write them again
    whenever people change; the README shows a whole setup with a signing-in proxy.

    \b
    Example:
      mus build && mus nginx /etc/nginx/mus
    """
    from mus_build.access.nginx import write_rules
    from mus_build.access.policy import Policy
    from mus_build.pages.paths import department_slugs
    from mus_build.pages.texts import Texts

    loaded = load_valid(config_file, None)
    config, handbook = loaded.config, loaded.sources.handbook
    if config.settings.access is None:
        raise MusError(say("cli_no_access_rules"))
    slugs = department_slugs(handbook, Texts(config.settings.language)("department_slug"))
    for path in write_rules(directory, config, Policy(handbook, config.settings.access, slugs)):
        click.echo(say("new_wrote", path=path))


@main.command("verify-signoffs", context_settings=CONTEXT)
@config_option
@today_option
@click.option(
    "--require-signatures",
    is_flag=True,
    help="Also require each sign-off's commit to carry its signer's good signature: SSH, checked "
    "against the people's ssh_signing_key, or GPG, checked against this machine's keyring.",
)
def verify_signoffs(config_file: Path | None, today: dt.date | None, require_signatures: bool) -> None:
    """Prove every sign-off (signed_off) from the Git history.

    Each entry must have been added by a commit its signer authored (their email or
    git_emails), and the record must not have changed since, other than by more
    sign-offs. Every failure is printed as path:line: message. Needs the whole history:
    a shallow clone is an error.

    \b
    Example:
      mus verify-signoffs
      mus verify-signoffs --require-signatures
    """
    from mus_build.history.run import for_verify

    loaded = load_valid(config_file, today)
    outcome = for_verify(loaded.config.root, loaded.sources.handbook, require_signatures)
    for problem in sort_problems(outcome.problems):
        click.echo(str(problem))
    if outcome.problems:
        click.echo(say("verify_failed", count=len(outcome.problems)), err=True)
        exit_with(1)
    proven, records = outcome.proven, outcome.records
    code = (
        "verify_count_one" if proven == 1 else "verify_count_one_record" if records == 1 else "verify_count"
    )
    click.echo(say("verify_ok", count=say(code, count=proven, records=records), commits=outcome.commits))


@main.command("allowed-signers", context_settings=CONTEXT)
@config_option
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def allowed_signers_command(config_file: Path | None, file: Path) -> None:
    """Write an allowed_signers file for git from the people's ssh_signing_key.

    Each person with a key gets one line, their e-mail addresses as principals.
    `mus verify-signoffs --require-signatures` makes its own; this one is for checking
    by hand with git itself.

    \b
    Example:
      mus allowed-signers .git/allowed_signers
      git -c gpg.ssh.allowedSignersFile=.git/allowed_signers log --show-signature
    """
    from mus_build.history.signers import allowed_signers

    loaded = load_valid(config_file, None)
    text, skipped = allowed_signers(loaded.sources.handbook)
    file.write_text(text, encoding="utf-8")
    click.echo(say("allowed_signers_written", path=file, count=text.count("namespaces=")))
    if skipped:
        click.echo(say("allowed_signers_skipped", people=", ".join(skipped)), err=True)


@main.command(context_settings=CONTEXT)
@click.option(
    "--kind",
    type=click.Choice(["all", "person", "record"]),
    default="all",
    show_default=True,
    help="Which front matter to describe.",
)
def schema(kind: str) -> None:
    """Print a JSON Schema of the person and record front matter, for editors.

    \b
    Example:
      mus schema > .vscode/mus.schema.json
    """
    from mus_build.check import editor_schema

    make = {
        "all": editor_schema.combined_schema,
        "person": editor_schema.person_schema,
        "record": editor_schema.record_schema,
    }[kind]
    click.echo(json.dumps(make(), indent=2, ensure_ascii=False))


@main.command(context_settings=CONTEXT)
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--example", is_flag=True, help="Include the example company's people and records.")
def init(directory: Path, example: bool) -> None:
    """Create a new handbook in DIRECTORY: settings, the MUS guide and CI pipelines.

    \b
    Example:
      mus init mus-haandbog --example
      cd mus-haandbog && mus build && mus serve
    """
    from mus_build.scaffold.init import init_handbook

    written = init_handbook(directory, example)
    click.echo(say("init_created", folder=directory, files=len(written)))
    click.echo(f"  cd {directory} && mus check && mus build && mus serve")
