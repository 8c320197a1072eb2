"""The `kartoteka` command line, as scripts and people call it (exact commands of issue 3)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import inspect, text

from kartoteka import schema_engine as se
from kartoteka.cli.main import main

KARTOTEKA = str(Path(sys.executable).parent / "kartoteka")


def run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> Any:
    """Run the installed console script in a real process."""
    environment = {k: v for k, v in os.environ.items() if k != "KARTOTEKA_DATABASE_URL"}
    environment.update(env or {})
    return subprocess.run(
        [KARTOTEKA, *args], capture_output=True, text=True, cwd=cwd, env=environment,
        stdin=subprocess.DEVNULL, timeout=120,
    )


def cli(*args: str) -> Any:
    """Run a command in this process (faster; same code path as the console script)."""
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def app(db_url: str) -> str:
    result = cli("init", "--db", db_url, "--template", "crm")
    assert result.exit_code == 0, result.output
    engine = se.connect(db_url)
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO client (name, email, city, created_at, updated_at, version) VALUES "
            "('Acme', 'info@acme.test', 'Paris', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1), "
            "('Ромашка', NULL, '12', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1)"
        ))
    engine.dispose()
    return db_url


def definition(db_url: str) -> dict[str, Any]:
    result = cli("schema", "show", "--db", db_url)
    assert result.exit_code == 0
    return dict(json.loads(result.output))


def versions(db_url: str) -> list[int]:
    result = cli("schema", "history", "--db", db_url, "--json")
    return [item["version"] for item in json.loads(result.output)["items"]]


def write(tmp_path: Path, doc: dict[str, Any], name: str = "app.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return str(path)


def edit_field(doc: dict[str, Any], entity: str, field_name: str, **changes: Any) -> None:
    ent = next(e for e in doc["entities"] if e["name"] == entity)
    for f in ent["fields"]:
        if f["name"] == field_name:
            f.update(changes)


def test_init_creates_the_app_and_refuses_a_second_time(db_url: str) -> None:
    first = run("init", "--db", db_url, "--admin-email", "boss@example.com",
                "--admin-password", "correct horse")
    assert first.returncode == 0, first.stderr
    assert "client, deal, task" in first.stdout
    again = run("init", "--db", db_url, "--template", "trading")
    assert again.returncode == 1
    assert "already holds a Kartoteka app" in again.stderr
    assert versions(db_url) == [1]
    assert [e["name"] for e in definition(db_url)["entities"]] == ["client", "deal", "task"]


def test_init_without_a_password_and_no_terminal_says_what_to_do(sqlite_url: str) -> None:
    result = run("init", "--db", sqlite_url, "--admin-email", "boss@example.com")
    assert result.returncode == 1
    assert "--admin-password" in result.stderr


def test_show_prints_what_apply_accepts_and_an_unchanged_apply_adds_no_version(
    app: str, tmp_path: Path
) -> None:
    doc = definition(app)
    assert all("id" in e and all("id" in f for f in e["fields"]) for e in doc["entities"])
    result = cli("schema", "apply", write(tmp_path, doc), "--db", app)
    assert result.exit_code == 0
    assert "No change" in result.output
    assert versions(app) == [1]


def test_plan_json_lists_operations_problems_and_warnings(app: str, tmp_path: Path) -> None:
    doc = definition(app)
    edit_field(doc, "client", "city", name="town", type="integer")
    edit_field(doc, "client", "name", unique=True)
    result = run("schema", "plan", write(tmp_path, doc), "--db", app, "--json")
    assert result.returncode == 0
    plan = json.loads(result.stdout)
    assert set(plan) == {"operations", "problems", "warnings"}
    rename = next(op for op in plan["operations"] if op["op"] == "rename_field")
    assert (rename["entity"], rename["field"], rename["from"]) == ("client", "town", "city")
    retype = next(op for op in plan["operations"] if op["op"] == "change_type")
    assert (retype["entity"], retype["field"]) == ("client", "town")
    [problem] = plan["problems"]
    assert problem["entity"] == "client" and problem["field"] == "town"
    assert problem["count"] == 1 and problem["records"] == [1]  # 'Paris' is not a number
    assert "Paris" in problem["message"]
    assert any("town" in w["message"] for w in plan["warnings"])
    assert versions(app) == [1]


def test_plan_reads_well_for_a_person(app: str, tmp_path: Path) -> None:
    doc = definition(app)
    edit_field(doc, "client", "city", type="integer")
    result = cli("schema", "plan", write(tmp_path, doc), "--db", app)
    assert result.exit_code == 0
    assert "change the type of client.city from text to integer" in result.output
    assert "Problems" in result.output and "records: 1" in result.output


def test_plan_shows_a_declared_index(app: str, tmp_path: Path) -> None:
    doc = definition(app)
    deal = next(e for e in doc["entities"] if e["name"] == "deal")
    deal["indexes"].append({"fields": ["client", "close_date"]})
    path = write(tmp_path, doc)
    text_plan = cli("schema", "plan", path, "--db", app)
    assert text_plan.exit_code == 0
    assert "  + add index on deal (client, close_date)\n" in text_plan.output
    [op] = json.loads(cli("schema", "plan", path, "--db", app, "--json").output)["operations"]
    assert (op["op"], op["entity"], op["fields"], op["ddl"]) == (
        "add_composite_index", "deal", ["client", "close_date"], True
    )
    applied = cli("schema", "apply", path, "--db", app)
    assert applied.exit_code == 0, applied.output
    engine = se.connect(app)
    columns = [i["column_names"] for i in inspect(engine).get_indexes("deal")]
    engine.dispose()
    assert ["client", "close_date", "deleted_at"] in columns
    assert ["stage", "amount", "deleted_at"] in columns  # the crm template's own


def test_apply_exit_codes(app: str, tmp_path: Path) -> None:
    doc = definition(app)
    edit_field(doc, "client", "city", type="integer")
    refused = run("schema", "apply", write(tmp_path, doc), "--db", app)
    assert refused.returncode == 1
    assert "Paris" in refused.stderr and "nothing was changed" in refused.stderr
    assert versions(app) == [1]

    invalid = definition(app)
    edit_field(invalid, "client", "city", type="txt")
    edit_field(invalid, "deal", "title", name="select")
    bad = run("schema", "apply", write(tmp_path, invalid), "--db", app)
    assert bad.returncode == 2
    assert "$.entities[0].fields[3].type" in bad.stderr
    assert "$.entities[1].fields[0].name" in bad.stderr
    assert versions(app) == [1]

    good = definition(app)
    edit_field(good, "client", "city", name="town")
    applied = run("schema", "apply", write(tmp_path, good), "--db", app)
    assert applied.returncode == 0, applied.stderr
    assert "version 2" in applied.stdout
    assert "town" in {f["name"] for f in definition(app)["entities"][0]["fields"]}


def test_cleared_values_wait_in_the_trash_and_rollback_puts_them_back(
    app: str, tmp_path: Path
) -> None:
    doc = definition(app)
    edit_field(doc, "client", "city", type="integer")
    result = cli("schema", "apply", write(tmp_path, doc), "--db", app, "--on-bad-values=clear")
    assert result.exit_code == 0, result.output
    trash = json.loads(cli("schema", "trash", "--db", app, "--json").output)["items"]
    assert [(i["kind"], i["field"], i["count"]) for i in trash] == [("values", "city", 1)]
    rolled = cli("schema", "rollback", "1", "--db", app)
    assert rolled.exit_code == 0, rolled.output
    assert versions(app) == [3, 2, 1]
    engine = se.connect(app)
    with engine.connect() as conn:
        cities = conn.execute(text("SELECT city FROM client ORDER BY id")).scalars().all()
    engine.dispose()
    assert cities == ["Paris", "12"]


def test_history_json_is_newest_first_with_utc_times(app: str, tmp_path: Path) -> None:
    doc = definition(app)
    edit_field(doc, "deal", "close_date", label="Expected close")
    assert cli("schema", "apply", write(tmp_path, doc), "--db", app,
               "--summary", "relabel close date").exit_code == 0
    items = json.loads(run("schema", "history", "--db", app, "--json").stdout)["items"]
    assert [i["version"] for i in items] == [2, 1]
    assert items[0]["summary"] == "relabel close date"
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", i["at"]) for i in items)
    assert all(i["author"] for i in items)


def test_trash_and_purge(app: str, tmp_path: Path) -> None:
    doc = definition(app)
    client = doc["entities"][0]
    client["fields"] = [f for f in client["fields"] if f["name"] != "city"]
    assert cli("schema", "apply", write(tmp_path, doc), "--db", app).exit_code == 0
    listing = cli("schema", "trash", "--db", app)
    assert "field client.city" in listing.output
    [item] = json.loads(cli("schema", "trash", "--db", app, "--json").output)["items"]
    missing = run("schema", "purge", "999", "--db", app)
    assert missing.returncode == 1 and str(item["id"]) in missing.stderr
    purged = run("schema", "purge", str(item["id"]), "--db", app)
    assert purged.returncode == 0, purged.stderr
    assert "The schema trash is empty." in cli("schema", "trash", "--db", app).output


def test_db_defaults_to_the_environment_then_a_local_file(tmp_path: Path) -> None:
    from_env = tmp_path / "env.db"
    result = run("init", "--template", "empty", cwd=tmp_path,
                 env={"KARTOTEKA_DATABASE_URL": f"sqlite:///{from_env}"})
    assert result.returncode == 0, result.stderr
    assert from_env.exists() and not (tmp_path / "kartoteka.db").exists()
    local = run("init", "--template", "empty", cwd=tmp_path)
    assert local.returncode == 0, local.stderr
    assert (tmp_path / "kartoteka.db").exists()


def test_demo_builds_its_database_here_and_says_what_it_made(tmp_path: Path) -> None:
    result = run("demo", "--no-serve", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "kartoteka-demo.db").exists()
    assert re.search(r"\d+ clients", result.stdout) and re.search(r"\d+ deals", result.stdout)
    assert "demo@example.com" in result.stdout
    again = run("demo", "--no-serve", cwd=tmp_path)
    assert again.returncode == 0 and "already there" in again.stdout


def test_user_add(app: str) -> None:
    added = cli("user", "add", "ann@example.com", "--password", "long enough", "--db", app)
    assert added.exit_code == 0 and "ann@example.com" in added.output
    twice = cli("user", "add", "ANN@example.com", "--password", "long enough", "--db", app)
    assert twice.exit_code == 1
