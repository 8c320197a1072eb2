"""The `kartoteka` command line (click): init, serve, demo, worker, schema (show, plan, apply,
history, rollback, trash, purge) and user.

Public API:
- `main`: the command group; `kartoteka = "kartoteka.cli:main"` in pyproject.toml.

Modules: `main` (the group), one per command group: `run` (init, serve, demo, worker), `schema`,
`users`; `options` (shared options and error handling), `serve` (uvicorn, for serve and demo).
"""

from kartoteka.cli.main import main

__all__ = ["main"]
