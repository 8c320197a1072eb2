"""The `kartoteka` command: the group every command hangs from, put together explicitly.

Command groups live one per module: `run` (init, serve, demo, worker), `schema` (show, plan,
apply, history, rollback, trash, purge) and `users` (user add); `options` holds what they share.
"""

from __future__ import annotations

import click

from kartoteka.cli import run, schema, users
from kartoteka.platform.hooks import install_hooks


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


for command in (run.init, run.serve, run.demo, run.worker, schema.schema, users.user):
    main.add_command(command)
