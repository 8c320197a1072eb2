"""`kartoteka user`: manage user accounts."""

from __future__ import annotations

import sys

import click

from kartoteka import schema_engine as se
from kartoteka.cli.options import db_option, engine_for, fail, handle_errors
from kartoteka.platform.accounts import UserError, create_user


@click.group()
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
