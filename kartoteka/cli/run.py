"""Commands that create and run an app: init, serve, demo, worker."""

from __future__ import annotations

import ipaddress
import json
import sys
from typing import cast

import click
from sqlalchemy import Connection, Engine

from kartoteka import schema_engine as se
from kartoteka.cli.options import (
    author,
    db_option,
    engine_for,
    fail,
    handle_errors,
    host_option,
    json_option,
    port_option,
    webhook_hosts_option,
)
from kartoteka.platform.accounts import create_user
from kartoteka.platform.tables import upgrade_tables
from kartoteka.platform.templates import TEMPLATES, load_template
from kartoteka.platform.unique_upgrade import upgrade_unique_keys
from kartoteka.schema_engine.db import write_connection
from kartoteka.schema_engine.languages import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    NATIVE_NAMES,
    Language,
)
from kartoteka.settings import HOUR, Settings

DEMO_URL = "sqlite:///kartoteka-demo.db"
DEMO_LOGIN = ("demo@example.com", "kartoteka")


@click.command(short_help="Create an app in a database from a template.")
@db_option
@click.option("--template", type=click.Choice(TEMPLATES), default="crm", show_default=True,
              help="The app to start from; 'empty' has no entities.")
@click.option("--language", type=click.Choice(LANGUAGES), default=DEFAULT_LANGUAGE,
              show_default=True,
              help="The app's default language: pages speak it unless the user or the browser "
                   "chooses another, and labels without a text in the reader's language show "
                   "it.")
@click.option("--admin-email", metavar="EMAIL", help="Create an administrator with this email.")
@click.option("--admin-password", metavar="PASSWORD",
              help="Their password (asked for when missing and a terminal is there).")
@handle_errors
def init(db_url: str, template: str, language: str, admin_email: str | None,
         admin_password: str | None) -> None:
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
        upgrade_tables(conn)
        if admin_email:
            create_user(conn, admin_email, admin_password, is_admin=True)

    doc = load_template(template)
    if language != DEFAULT_LANGUAGE:
        doc["language"] = cast(Language, language)
    result = se.initialize(engine, doc, author=author(), before_commit=add_admin)
    entities = [e["name"] for e in result.plan.new["entities"]]
    click.echo(f"Created a Kartoteka app in {db_url} from the {template} template (version 1).")
    click.echo(f"Default language: {NATIVE_NAMES[cast(Language, language)]} ({language})")
    click.echo(f"Entities: {', '.join(entities) or '(none yet)'}")
    if admin_email:
        click.echo(f"Administrator: {admin_email}")


def parse_proxies(value: str) -> tuple[str, ...]:
    """The trusted proxies of `--forwarded-allow-ips`; a clear error for one that is neither an
    address nor a network."""
    chosen = tuple(part.strip() for part in value.split(",") if part.strip())
    for part in chosen:
        if part == "*":
            continue
        try:
            ipaddress.ip_network(part, strict=False)
        except ValueError:
            raise click.BadParameter(
                f"{part!r} is not an IP address or network (such as 10.0.0.1 or "
                "10.0.0.0/8)") from None
    return chosen


@click.command(short_help="Serve the web UI and the API.")
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
@click.option("--forwarded-allow-ips", "proxies", default="127.0.0.1,::1", show_default=True,
              envvar="KARTOTEKA_FORWARDED_ALLOW_IPS", callback=lambda _c, _p, v: parse_proxies(v),
              help="Reverse proxies whose X-Forwarded-For names the client (sign-ins are "
              "throttled per client address): addresses or networks, comma-separated; '' for "
              "none, '*' for any.")
@click.option("--public-api-docs", is_flag=True, envvar="KARTOTEKA_PUBLIC_API_DOCS",
              help="Serve /openapi.json and /docs to anyone, not only to signed-in users.")
@webhook_hosts_option
@handle_errors
def serve(db_url: str, host: str, port: int, token_hours: float, data_dir: str | None,
          no_worker: bool, proxies: tuple[str, ...], public_api_docs: bool,
          webhook_hosts: tuple[str, ...]) -> None:
    """Serve the web UI and the API (documented at /docs) for the app in the database.

    Several servers may serve one database: each uses a schema change applied by another from
    its next request on. Each runs the automation worker too, unless --no-worker.
    """
    from kartoteka.cli.serve import serve as run_server

    engine_for(db_url)  # a clear message when the database cannot be opened
    settings = Settings(token_lifetime=token_hours * HOUR, data_dir=data_dir,
                        worker=not no_worker, trusted_proxies=proxies,
                        public_api_docs=public_api_docs, webhook_allowed_hosts=webhook_hosts)
    run_server(db_url, host=host, port=port, settings=settings, announce=click.echo)


@click.command(short_help="Build a demo CRM with sample data and serve it.")
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
        upgrade_tables(conn)
        admin.append(create_user(conn, *DEMO_LOGIN, is_admin=True, name="Demo admin"))

    se.initialize(engine, load_template("crm"), author="demo", before_commit=add_admin)
    # Sample data is history, not news: it starts no automation (no flood of follow-up tasks).
    with engine.begin() as conn, paused(conn):
        doc = se.current(conn).document
        counts = load_sample_data(conn, doc, user_id=admin[0])
    click.echo(f"Built the demo database {db_url} from the crm template:")
    click.echo(describe_counts(counts, doc))


# ---------------------------------------------------------------- automations

@click.command(short_help="Run queued automations (rules, webhooks, date rules).")
@db_option
@click.option("--once", is_flag=True, help="Run the jobs due now, then exit.")
@click.option("--lease", type=click.FloatRange(min=0.5), default=60.0, show_default=True,
              help="Seconds a job is this worker's; if it is killed, another takes the job "
              "after that.")
@click.option("--data-dir", type=click.Path(file_okay=False), envvar="KARTOTEKA_DATA_DIR",
              help="Where generated documents are stored: give the servers' directory "
              "[default: beside a SQLite file, else ./kartoteka-data]")
@webhook_hosts_option
@json_option
@handle_errors
def worker(db_url: str, once: bool, lease: float, data_dir: str | None,
           webhook_hosts: tuple[str, ...], as_json: bool) -> None:
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
        upgrade_tables(conn)
        conn.commit()
    upgrade_unique_keys(engine)

    def report(outcome: Outcome) -> None:
        if as_json:
            click.echo(json.dumps(outcome.to_json(), ensure_ascii=False))
        elif outcome.state != "done":
            click.echo(f"job {outcome.job.id} ({outcome.job.rule}): {outcome.state}: "
                       f"{outcome.error}", err=True)

    runner = Worker(engine, lease=lease, report=None if once and as_json else report,
                    settings=Settings(webhook_allowed_hosts=webhook_hosts))
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
