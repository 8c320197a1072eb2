"""What the commands share: the --db, --json, --host and --port options, reading a definition
from a file, and turning Kartoteka's errors into messages and exit codes."""

from __future__ import annotations

import functools
import getpass
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import click
from sqlalchemy import Engine

from kartoteka import schema_engine as se
from kartoteka.platform import plan_text
from kartoteka.schema_engine.db import DEFAULT_URL, URL_VARIABLE

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
webhook_hosts_option = click.option(
    "--webhook-allow-host", "webhook_hosts", multiple=True, metavar="HOST",
    envvar="KARTOTEKA_WEBHOOK_ALLOWED_HOSTS",
    help="A host or network on an internal network that webhooks may call anyway (repeat it "
    "for several; the variable separates them by spaces). Others are refused.",
)


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
