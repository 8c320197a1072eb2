"""Unique keys for a database made before them (decision 0058), given when a process starts.

A database of a release before unique keys has, for each unique text, email and phone field of
its app, an index on the value as stored. The plan of the current definition against itself
then consists of `add_unique_key` operations only; `upgrade_unique_keys` applies it as a
version of its own (author "kartoteka"), unless records would clash ('dup@x.com' and
'DUP@x.com'): then nothing is applied, the old indexes stay, a warning names the fields and
records, and `pending_clashes` gives the problems to the schema page until they are resolved.

Processes starting together on one database apply it once: the apply names the version it was
planned on, and a process that lost the race gets `StaleVersion` and leaves it there.
"""

from __future__ import annotations

import logging

from sqlalchemy import Connection, Engine, inspect

from kartoteka import schema_engine as se
from kartoteka.schema_engine.definition import Document
from kartoteka.schema_engine.tables import has_unique_key, key_name

LOG = logging.getLogger("kartoteka.upgrade")
AUTHOR = "kartoteka"
SUMMARY = "unique values compare as people read them"
KEY_OPERATION = "add_unique_key"


def upgrade_unique_keys(engine: Engine) -> list[se.Problem]:
    """Give the app's unique fields their keys when that is all the definition lacks; the
    clashes that stand in the way (none once done, or when there was nothing to do)."""
    with engine.connect() as conn:
        version = se.current(conn)
        try:
            plan = _key_plan(conn, version.document)
        except se.DefinitionInvalid as invalid:  # serve it as before; an admin's apply says why
            LOG.warning("unique keys wait: the stored definition does not pass this release's "
                        "checks: %s", invalid)
            return []
        finally:
            conn.rollback()
    if plan is None:
        return []
    if not plan.problems:
        try:
            result = se.apply(engine, version.document, author=AUTHOR, summary=SUMMARY,
                              base_version=version.version)
        except se.StaleVersion:  # another process applied it (or some change) first
            return []
        except se.PlanRefused as refused:  # a clash written since the plan
            plan = refused.plan
        else:
            if result.changed:
                LOG.info("unique values compare as people read them: %s", _fields(plan))
            return []
    for problem in plan.problems:
        LOG.warning("unique keys wait: %s (records %s)", problem.message,
                    ", ".join(map(str, problem.records)))
    return list(plan.problems)


def pending_clashes(conn: Connection, doc: Document) -> list[se.Problem]:
    """The records that keep unique fields of an earlier release from their keys."""
    try:
        plan = _key_plan(conn, doc)
    except se.DefinitionInvalid:  # said at start; the plan of any change lists the errors
        return []
    return [] if plan is None else list(plan.problems)


def _key_plan(conn: Connection, doc: Document) -> se.Plan | None:
    """The plan of `doc` against itself when it only adds unique keys, else None."""
    if not _lacks_keys(conn, doc):  # as every database made by this release: no plan
        return None
    plan = se.plan(doc, doc, conn)
    if not plan.operations or any(op.op != KEY_OPERATION for op in plan.operations):
        return None
    return plan


def _lacks_keys(conn: Connection, doc: Document) -> bool:
    """Whether a unique field's table has no key column for it."""
    for entity in doc["entities"]:
        keyed = [key_name(f) for f in entity["fields"] if has_unique_key(f)]
        if keyed and not set(keyed) <= {c["name"] for c in inspect(conn).get_columns(
                entity["name"])}:
            return True
    return False


def _fields(plan: se.Plan) -> str:
    return ", ".join(f"{op.entity}.{op.field}" for op in plan.operations)
