"""The `kartoteka` command line: init, serve, demo, worker, schema (show, plan, apply, history,
rollback, trash, purge) and user."""

from __future__ import annotations

import functools
import getpass
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import click
from sqlalchemy import Connection, Engine

from kartoteka import schema_engine as se
from kartoteka.platform import plan_text
from kartoteka.platform.accounts import UserError, create_user
from kartoteka.platform.hooks import install_hooks
from kartoteka.platform.tables import create_platform_tables
from kartoteka.platform.templates import TEMPLATES, load_template
from kartoteka.schema_engine.db import DEFAULT_URL, URL_VARIABLE, write_connection
from kartoteka.schema_engine.statistics import build_indexes_and_measure
from kartoteka.settings import HOUR, Settings

DEMO_URL = "sqlite:///kartoteka-demo.db"
DEMO_LOGIN = ("demo@example.com", "kartoteka")

db_option = click.option(
    "--db", "db_url", envvar=URL_VARIABLE, default=DEFAULT_URL, show_default=True,
    metavar="URL", help=f"Database URL (sqlite:///file.db or postgresql://...); "
    f"defaults to ${URL_VARIABLE}.",
)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
host_option = click.option("--host", default="127.0.0.1", show_default=True,
                           help="Address to listen on (0.0.0.0 for every interface).")
port_option = click.option("--port", type=click.IntRange(0, 65535), default=8000,
                           show_default=True, help="Port to listen on.")


def fail(message: str, code: int = 1) -> NoReturn:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


def author() -> str:
    try:
        return f"{getpass.getuser()} (command line)"
    except (KeyError, OSError):
        return "command line"


def engine_for(url: str) -> Engine:
    """An engine for the command; its connections close when the command ends."""
    try:
        engine = se.connect(url)
    except Exception as exc:
        fail(f"cannot open the database {url!r}: {exc}")
    context = click.get_current_context(silent=True)
    if context is not None:
        context.call_on_close(engine.dispose)
    return engine


def read_definition(path: str) -> Any:
    """The JSON document in FILE (or standard input for '-'); exit 2 when it is not JSON."""
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        fail(f"cannot read {path}: {exc.strerror}", 2)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        fail(f"{path} is not JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}", 2)


def handle_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn Kartoteka's errors into readable messages and the documented exit codes."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except se.DefinitionInvalid as exc:
            if kwargs.get("as_json"):
                click.echo(json.dumps({"errors": [e.to_json() for e in exc.errors]}, indent=2))
            click.echo(str(exc), err=True)
            sys.exit(2)
        except se.PlanRefused as exc:
            click.echo(plan_text.render(exc.plan), err=True)
            fail("nothing was changed: the plan has problems (see above)")
        except se.KartotekaError as exc:
            fail(str(exc))

    return run


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="kartoteka")
def main() -> None:
    """Kartoteka: describe your entities, fields and links; get real tables, cards and an API.

    \b
    Start with a demo:            kartoteka demo
    Create an app in a database:  kartoteka init --db sqlite:///crm.db --admin-email you@example.com
    See and change its schema:    kartoteka schema show > app.json
                                  (edit app.json)
                                  kartoteka schema plan app.json
                                  kartoteka schema apply app.json
    """
    # Every command that checks a definition (init, demo, schema plan/apply/rollback) checks its
    # templates as the server would.
    install_hooks()


# ---------------------------------------------------------------- init and demo

@main.command(short_help="Create an app in a database from a template.")
@db_option
@click.option("--template", type=click.Choice(TEMPLATES), default="crm", show_default=True,
              help="The app to start from; 'empty' has no entities.")
@click.option("--admin-email", metavar="EMAIL", help="Create an administrator with this email.")
@click.option("--admin-password", metavar="PASSWORD",
              help="Their password (asked for when missing and a terminal is there).")
@handle_errors
def init(db_url: str, template: str, admin_email: str | None, admin_password: str | None) -> None:
    """Create Kartoteka's tables in a database and apply a template as version 1.

    Refuses (exit 1) a database that already holds a Kartoteka app, and changes nothing then.
    """
    if admin_email and admin_password is None:
        if not sys.stdin.isatty():
            fail("give the administrator's password with --admin-password "
                 "(there is no terminal to ask for it on)")
        admin_password = click.prompt(f"Password for {admin_email}", hide_input=True,
                                      confirmation_prompt=True)
    engine = engine_for(db_url)

    def add_admin(conn: Connection) -> None:
        create_platform_tables(conn)
        if admin_email:
            create_user(conn, admin_email, admin_password, is_admin=True)

    result = se.initialize(engine, load_template(template), author=author(),
                           before_commit=add_admin)
    entities = [e["name"] for e in result.plan.new["entities"]]
    click.echo(f"Created a Kartoteka app in {db_url} from the {template} template (version 1).")
    click.echo(f"Entities: {', '.join(entities) or '(none yet)'}")
    if admin_email:
        click.echo(f"Administrator: {admin_email}")


@main.command(short_help="Serve the web UI and the API.")
@db_option
@host_option
@port_option
@click.option("--token-hours", type=click.FloatRange(min=0, min_open=True), default=12.0,
              show_default=True, envvar="KARTOTEKA_TOKEN_HOURS",
              help="How long an API token stays valid.")
@click.option("--data-dir", type=click.Path(file_okay=False), envvar="KARTOTEKA_DATA_DIR",
              help="Where uploaded files and generated documents are kept "
              "[default: <database file>.files beside SQLite, else ./kartoteka-data].")
@click.option("--no-worker", is_flag=True,
              help="Do not run automations in this server (leave them to `kartoteka worker`).")
@handle_errors
def serve(db_url: str, host: str, port: int, token_hours: float, data_dir: str | None,
          no_worker: bool) -> None:
    """Serve the web UI and the API (documented at /docs) for the app in the database.

    Several servers may serve one database: each uses a schema change applied by another from
    its next request on. Each runs the automation worker too, unless --no-worker.
    """
    from kartoteka.cli.serve import serve as run_server

    engine_for(db_url)  # a clear message when the database cannot be opened
    settings = Settings(token_lifetime=token_hours * HOUR, data_dir=data_dir,
                        worker=not no_worker)
    run_server(db_url, host=host, port=port, settings=settings, announce=click.echo)


@main.command(short_help="Build a demo CRM with sample data and serve it.")
@click.option("--db", "db_url", default=DEMO_URL, show_default=True, metavar="URL",
              help="Where to build the demo database.")
@host_option
@port_option
@click.option("--no-serve", is_flag=True, help="Only build the database (for scripts).")
@handle_errors
def demo(db_url: str, host: str, port: int, no_serve: bool) -> None:
    """Build a demo CRM with sample data (clients, deals, tasks) when it is not there yet, say
    what it made, and serve it."""
    engine = engine_for(db_url)
    with engine.connect() as conn:
        exists = se.is_initialized(conn)
    if exists:
        click.echo(f"The demo database {db_url} is already there; remove it to start afresh.")
    else:
        _build_demo(engine, db_url)
    click.echo(f"Demo login: {DEMO_LOGIN[0]} / {DEMO_LOGIN[1]}")
    if not no_serve:
        from kartoteka.cli.serve import serve as run_server

        engine.dispose()
        run_server(db_url, host=host, port=port, announce=click.echo)


def _build_demo(engine: Engine, db_url: str) -> None:
    from kartoteka.platform.automation import paused
    from kartoteka.platform.demo import describe_counts, load_sample_data

    admin: list[int] = []

    def add_admin(conn: Connection) -> None:
        create_platform_tables(conn)
        admin.append(create_user(conn, *DEMO_LOGIN, is_admin=True, name="Demo admin"))

    se.initialize(engine, load_template("crm"), author="demo", before_commit=add_admin)
    # Sample data is history, not news: it starts no automation (no flood of follow-up tasks).
    with engine.begin() as conn, paused(conn):
        doc = se.current(conn).document
        counts = load_sample_data(conn, doc, user_id=admin[0])
    click.echo(f"Built the demo database {db_url} from the crm template:")
    click.echo(describe_counts(counts, doc))


# ---------------------------------------------------------------- automations

@main.command(short_help="Run queued automations (rules, webhooks, date rules).")
@db_option
@click.option("--once", is_flag=True, help="Run the jobs due now, then exit.")
@click.option("--lease", type=click.FloatRange(min=0.5), default=60.0, show_default=True,
              help="Seconds a job is this worker's; if it is killed, another takes the job "
              "after that.")
@click.option("--data-dir", type=click.Path(file_okay=False), envvar="KARTOTEKA_DATA_DIR",
              help="Where generated documents are stored: give the servers' directory "
              "[default: beside a SQLite file, else ./kartoteka-data]")
@json_option
@handle_errors
def worker(db_url: str, once: bool, lease: float, data_dir: str | None, as_json: bool) -> None:
    """Run the automation queue of the database until stopped (Ctrl+C), or once (--once).

    Servers run a worker of their own unless started with --no-worker; any number of workers
    may run beside them (on PostgreSQL they take disjoint jobs).
    """
    from kartoteka.platform import files
    from kartoteka.platform.automation import Outcome, Worker

    engine = engine_for(db_url)
    files.configure(engine, data_dir)
    with write_connection(engine) as conn:
        se.current(conn)  # raises NotInitialized
        create_platform_tables(conn)
        conn.commit()

    def report(outcome: Outcome) -> None:
        if as_json:
            click.echo(json.dumps(outcome.to_json(), ensure_ascii=False))
        elif outcome.state != "done":
            click.echo(f"job {outcome.job.id} ({outcome.job.rule}): {outcome.state}: "
                       f"{outcome.error}", err=True)

    runner = Worker(engine, lease=lease, report=None if once and as_json else report)
    if once:
        counts = runner.run_due()
        summary = {"done": counts.done, "retry": counts.retry, "failed": counts.failed}
        if as_json:
            click.echo(json.dumps(summary))
        else:
            click.echo(f"Ran {counts.done + counts.retry + counts.failed} jobs: {counts.done} "
                       f"done, {counts.retry} to retry, {counts.failed} failed.")
        return
    if not as_json:
        click.echo(f"Running automations for {db_url}; stop with Ctrl+C.")
    try:
        runner.loop()
    except KeyboardInterrupt:  # a job cut short is rolled back and taken again later
        click.echo("Stopped.", err=True)


# ---------------------------------------------------------------- schema

@main.group(short_help="See and change the app definition.")
def schema() -> None:
    """See and change the app definition: show, plan, apply, history, rollback, trash, purge."""


@schema.command(short_help="Print the current definition as JSON.")
@db_option
@handle_errors
def show(db_url: str) -> None:
    """Print the current definition, with ids, as JSON: exactly what `schema apply` accepts."""
    with engine_for(db_url).connect() as conn:
        version = se.current(conn)
    click.echo(json.dumps(version.document, indent=2, ensure_ascii=False))


@schema.command("plan", short_help="Show what applying FILE would do; changes nothing.")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@db_option
@json_option
@click.option("--on-bad-values", type=click.Choice(["refuse", "clear"]), default="refuse",
              show_default=True, help="Plan as `apply --on-bad-values` would.")
@handle_errors
def plan_command(file: str, db_url: str, as_json: bool, on_bad_values: str) -> None:
    """Show what applying FILE would do, measured on the data; changes nothing.

    Problems (such as values that cannot be converted) would block an apply; warnings would not.
    """
    doc = read_definition(file)
    with engine_for(db_url).connect() as conn:
        current = se.current(conn)
        result = se.plan(current.document, doc, conn, on_bad_values=on_bad_values)
        conn.rollback()
    if as_json:
        click.echo(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
    else:
        click.echo(plan_text.render(result, current.version))


@schema.command("apply")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@db_option
@click.option("--on-bad-values", type=click.Choice(["refuse", "clear"]), default="refuse",
              show_default=True, help="'clear' empties values a type change cannot convert and "
              "keeps them in the schema trash, from which a rollback puts them back.")
@click.option("--summary", help="A line for the history (default: what changed).")
@json_option
@handle_errors
def apply_command(
    file: str, db_url: str, on_bad_values: str, summary: str | None, as_json: bool
) -> None:
    """Apply FILE in one transaction: all of it, or nothing.

    Exit 0 when applied (or unchanged), 1 when the plan has problems (printed; nothing changed),
    2 when the definition is invalid (every error printed).
    """
    doc = read_definition(file)
    engine = engine_for(db_url)
    result = se.apply(engine, doc, author=author(), summary=summary,
                      on_bad_values=on_bad_values, build_indexes=False)
    _report_apply(engine, result, as_json)


def _report_apply(engine: Engine, result: se.ApplyResult, as_json: bool) -> None:
    if result.indexes_pending:
        build_indexes_and_measure(engine, progress=None if as_json else _progress)
    if as_json:
        click.echo(json.dumps({"version": result.version, "changed": result.changed,
                               **result.plan.to_json()}, indent=2, ensure_ascii=False))
    elif result.changed:
        click.echo(plan_text.render_operations(result.plan))
        click.echo(f"Applied: the definition is now version {result.version}.")
    else:
        click.echo(f"No change: the definition stays at version {result.version}.")


def _progress(message: str) -> None:
    click.echo(f"  {message}...", err=True)


@schema.command()
@db_option
@json_option
@handle_errors
def history(db_url: str, as_json: bool) -> None:
    """List the versions of the definition, newest first."""
    with engine_for(db_url).connect() as conn:
        versions = se.history(conn)
    if as_json:
        click.echo(json.dumps({"items": [v.to_json() for v in versions]}, indent=2,
                              ensure_ascii=False))
        return
    for v in versions:
        data = v.to_json()
        click.echo(f"{v.version:>4}  {data['at']}  {v.author}\n      {v.summary}")


@schema.command()
@click.argument("version", type=int)
@db_option
@click.option("--on-bad-values", type=click.Choice(["refuse", "clear"]), default="refuse",
              show_default=True)
@json_option
@handle_errors
def rollback(version: int, db_url: str, on_bad_values: str, as_json: bool) -> None:
    """Make VERSION's definition current again, as a new version.

    Planned and applied like any change: fields and entities deleted since come back from the
    schema trash with their data.
    """
    engine = engine_for(db_url)
    result = se.rollback(engine, version, author=author(), on_bad_values=on_bad_values)
    _report_apply(engine, result, as_json)


@schema.command(short_help="List deleted entities, fields and cleared values.")
@db_option
@json_option
@handle_errors
def trash(db_url: str, as_json: bool) -> None:
    """List the schema trash: deleted entities and fields, and values cleared by type changes."""
    with engine_for(db_url).connect() as conn:
        items = se.trash_items(conn)
    if as_json:
        click.echo(json.dumps({"items": [i.to_json() for i in items]}, indent=2,
                              ensure_ascii=False))
        return
    if not items:
        click.echo("The schema trash is empty.")
        return
    for item in items:
        click.echo(f"{item.id:>4}  {item.title}  (version {item.version}, "
                   f"{item.count} values, {item.to_json()['at']})")
    click.echo("\nPut items back with `kartoteka schema rollback VERSION`; "
               "delete one for good with `kartoteka schema purge ID`.")


@schema.command()
@click.argument("item_id", metavar="ID", type=int)
@db_option
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@handle_errors
def purge(item_id: int, db_url: str, yes: bool) -> None:
    """Delete schema-trash item ID and its data for good."""
    engine = engine_for(db_url)
    if not yes and sys.stdin.isatty():
        with engine.connect() as conn:
            items = {i.id: i for i in se.trash_items(conn)}
        if item_id in items:
            click.confirm(f"Delete {items[item_id].title} for good?", abort=True)
    item = se.purge(engine, item_id, author=author())
    click.echo(f"Purged {item.title}.")


# ---------------------------------------------------------------- users

@main.group()
def user() -> None:
    """Manage user accounts."""


@user.command("add")
@click.argument("email")
@click.option("--password", help="Their password (asked for when missing and a terminal is there).")
@click.option("--admin", is_flag=True, help="Make them an administrator (may change the schema).")
@click.option("--time-zone", default="UTC", show_default=True, metavar="ZONE",
              help="Their IANA time zone (Europe/Chisinau): times are shown and tasks "
              "grouped in it.")
@db_option
@handle_errors
def user_add(email: str, password: str | None, admin: bool, time_zone: str,
             db_url: str) -> None:
    """Create a user account."""
    if password is None:
        if not sys.stdin.isatty():
            fail("give the password with --password (there is no terminal to ask for it on)")
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    engine = engine_for(db_url)
    with engine.begin() as conn:
        se.current(conn)
        try:
            create_user(conn, email, password, is_admin=admin, time_zone=time_zone)
        except UserError as exc:
            fail(str(exc))
    click.echo(f"Created {'administrator' if admin else 'user'} {email}.")
