"""Helpers of the automation tests: an app with given rules, writes, and the queue's state."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, select

from kartoteka import schema_engine as se
from kartoteka.platform.automation import secrets
from kartoteka.platform.automation.jobs import install
from kartoteka.platform.automation.worker import Worker
from kartoteka.platform.tables import JOBS, upgrade_tables
from kartoteka.platform.templates import load_template
from kartoteka.schema_engine.model import AppModel, load_model
from kartoteka.schema_engine.query import parse as queries
from kartoteka.schema_engine.records import writes as records
from kartoteka.settings import Settings


def crm_with(rules: list[dict[str, Any]]) -> dict[str, Any]:
    """The crm template with `rules` as its automations (its own rules left out)."""
    doc = copy.deepcopy(load_template("crm"))
    doc["automations"] = rules
    return doc


@contextmanager
def app_with(url: str, rules: list[dict[str, Any]]) -> Iterator[Engine]:
    """A database with the crm template and `rules`; events of writes are collected."""
    engine = se.connect(url)
    try:
        se.initialize(engine, crm_with(rules), author="test", before_commit=upgrade_tables)
        install()
        yield engine
    finally:
        engine.dispose()


def model_of(engine: Engine) -> AppModel:
    with engine.connect() as conn:
        return load_model(conn)


def create(engine: Engine, entity: str, values: dict[str, Any]) -> dict[str, Any]:
    with engine.begin() as conn:
        return records.create_record(conn, load_model(conn), entity, values, user_id=None)


def update(engine: Engine, entity: str, record_id: int, values: dict[str, Any]) -> dict[str, Any]:
    with engine.begin() as conn:
        return records.update_record(conn, load_model(conn), entity, record_id, values,
                                     user_id=None)


def find(engine: Engine, entity: str, **where: Any) -> list[dict[str, Any]]:
    """Live records of `entity` with the given field values (the records API's filter)."""
    with engine.connect() as conn:
        model = load_model(conn)
        params = [(name, str(value)) for name, value in where.items()] + [("limit", "500")]
        return queries.run_query(conn, model, queries.query_from_params(model, entity,
                                                                        params)).items


def jobs(engine: Engine) -> list[Any]:
    with engine.connect() as conn:
        return list(conn.execute(select(JOBS).order_by(JOBS.c.id)))


def run_worker(engine: Engine, settings: Settings | None = None) -> Any:
    """Run every due job once, as `kartoteka worker --once` does."""
    return Worker(engine, settings=settings).run_due()


def set_secret(engine: Engine, name: str, value: str) -> None:
    """Set a webhook secret's value, as an administrator does."""
    with engine.begin() as conn:
        secrets.set_secret(conn, name, value, None)
