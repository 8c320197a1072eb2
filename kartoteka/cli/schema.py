"""`kartoteka schema`: see and change the app definition (show, plan, apply, history, rollback,
trash, purge)."""

from __future__ import annotations

import json
import sys

import click
from sqlalchemy import Engine

from kartoteka import schema_engine as se
from kartoteka.cli.options import (
    author,
    db_option,
    engine_for,
    handle_errors,
    json_option,
    read_definition,
)
from kartoteka.platform import plan_text
from kartoteka.schema_engine.statistics import build_indexes_and_measure


@click.group(short_help="See and change the app definition.")
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
