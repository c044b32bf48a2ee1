"""The `mus` command: parse options, call the library, turn problems into exit codes.

Exit codes: 0 fine, 1 problems found (or a list not empty with --fail-if-any),
2 usage error.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path

import click

from mus_build import __version__
from mus_build.check.config import Config, load_config
from mus_build.check.fields import ISO_DATE
from mus_build.check.load import load_all
from mus_build.check.problems import Problem, errors, format_github, format_json, sort_problems, summary
from mus_build.errors import MusError
from mus_build.model.dates import today_in
from mus_build.model.derive import Derived
from mus_build.pages import rows
from mus_build.scaffold.new import new_person, new_record
from mus_build.timings import Timings

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class IsoDate(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx):
        if isinstance(value, dt.date):
            return value
        if ISO_DATE.fullmatch(value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        self.fail(f"expected a date written YYYY-MM-DD, e.g. 2026-06-30, but received {value!r}", param, ctx)


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


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "--version", prog_name="mus")
def main() -> None:
    """Turn MUS records and the MUS guide into an internal handbook site.

    Run the commands in the folder that holds mkdocs.yml, or point at it with -f.
    """


def open_config(config_file: Path | None) -> tuple[Config, list[Problem]]:
    path = config_file or Path.cwd() / "mkdocs.yml"
    if not path.is_file():
        raise click.UsageError(f"{path} not found; run mus in the handbook folder or give -f PATH/mkdocs.yml")
    return load_config(path.resolve())


def resolve_today(config: Config, today: dt.date | None) -> dt.date:
    return today or today_in(config.settings.timezone)


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
    config, problems = open_config(config_file)
    _, _, found, files = load_all(config, resolve_today(config, today))
    problems += found
    print_problems(problems, files + 1, fmt)
    failing = problems if strict else errors(problems)
    sys.exit(1 if failing else 0)


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
@click.option("-q", "--quiet", is_flag=True, help="Print only problems.")
@click.option("--timings", is_flag=True, help="Print how long each step took.")
def build(
    config_file: Path | None, today: dt.date | None, site_dir: Path | None, quiet: bool, timings: bool
) -> None:
    """Check everything, then build the site; the previous site stays if anything fails.

    \b
    Example:
      mus build
      mus build --today 2026-11-26 -d /srv/mus-site
    """
    from mus_build.publish.build import (  # mkdocs and the page generators load only for a build
        publish,
        stage_site,
    )

    clock = Timings()
    config, problems = open_config(config_file)
    day = resolve_today(config, today)
    handbook, topics, found, files = load_all(config, day, clock)
    problems += found
    if errors(problems):
        print_problems(problems, files + 1, "text")
        click.echo("Nothing was built; the previous site is unchanged.", err=True)
        sys.exit(1)
    echo = (lambda message: None) if quiet else click.echo
    # Step-by-step progress only for a person watching a terminal; CI logs stay short.
    interactive = not quiet and sys.stderr.isatty() and not os.environ.get("CI")
    progress = (lambda message: click.echo(message, err=True)) if interactive else (lambda message: None)
    target = (site_dir or config.root / "site").absolute()
    try:
        staged = stage_site(config, handbook, topics, day, target, echo, clock, progress)
        private_texts = handbook.private_texts
        del handbook  # every page is written: mkdocs gets the memory the records took
        publish(config, staged, private_texts, target, echo, clock, progress)
    except MusError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    echo(f"Built the site for {day.isoformat()} in {target}.")
    if timings:
        for step, seconds in clock.steps.items():
            click.echo(f"{step:>18}: {seconds:6.2f} s")


def load_or_exit(config_file: Path | None, today: dt.date | None):
    """Load everything; on errors print them and exit 1, as `mus check` would."""
    config, problems = open_config(config_file)
    day = resolve_today(config, today)
    handbook, topics, found, files = load_all(config, day)
    problems += found
    if errors(problems):
        print_problems(problems, files + 1, "text")
        sys.exit(1)
    return config, handbook, topics, day


list_format = click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
    help="table for people and job summaries, csv or json for programs.",
)
fail_if_any = click.option("--fail-if-any", is_flag=True, help="Exit 1 when the list is not empty.")


def _print_list(
    found: list[dict], fmt: str, table_columns: list[str], csv_columns: list[str], empty: str, fail: bool
) -> None:
    if fmt == "json":
        click.echo(rows.as_json(found))
    elif fmt == "csv":
        click.echo(rows.as_csv(found, csv_columns), nl=False)
    else:
        click.echo(rows.as_table(found, table_columns, empty))
    sys.exit(1 if fail and found else 0)


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
    config, handbook, _, day = load_or_exit(config_file, today)
    found = rows.overdue_rows(Derived(handbook, config.settings, day))
    _print_list(found, fmt, rows.OVERDUE_TABLE, rows.OVERDUE_CSV, "No overdue agreements.", fail_if_any)


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
    config, handbook, _, day = load_or_exit(config_file, today)
    found = rows.due_rows(Derived(handbook, config.settings, day))
    _print_list(found, fmt, rows.DUE_TABLE, rows.DUE_CSV, "Nobody is due for MUS.", fail_if_any)


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
    config, handbook, topics, today = load_or_exit(config_file, None)
    try:
        rel = new_record(config.root, handbook, topics, person, day or today)
    except MusError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    click.echo(f"Wrote {rel}")


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
    config, handbook, _, _ = load_or_exit(config_file, None)
    try:
        rel = new_person(config.root, handbook, person_id, name, title, department, manager)
    except MusError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    click.echo(f"Wrote {rel}")


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

    config, _ = open_config(config_file)
    host, _, port = dev_addr.rpartition(":")
    if not host or not port.isdigit():
        raise click.BadParameter("expected HOST:PORT, e.g. 127.0.0.1:8000", param_hint="--dev-addr")
    run_server(config.root / config.path, lambda: resolve_today(config, today), host, int(port), click.echo)


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

    try:
        written = init_handbook(directory, example)
    except MusError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    click.echo(f"Created a handbook in {directory} ({len(written)} files). Next:")
    click.echo(f"  cd {directory} && mus check && mus build && mus serve")
