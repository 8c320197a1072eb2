"""`kartoteka serve` and `kartoteka demo` as real processes; several servers on one database."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from kartoteka.platform.templates import load_template
from tests.support.servers import ADMIN, MakeServer, free_port, initialize_app, wait_until_up

KARTOTEKA = str(Path(sys.executable).parent / "kartoteka")


@contextmanager
def serving(*args: str, cwd: Path | None = None) -> Iterator[tuple[str, list[str]]]:
    """Run `kartoteka <args> --port P` until the block ends; yields its URL and its output."""
    port = free_port()
    environment = {k: v for k, v in os.environ.items() if k != "KARTOTEKA_DATABASE_URL"}
    process = subprocess.Popen(
        [KARTOTEKA, *args, "--port", str(port)], cwd=cwd, env=environment,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True,
    )
    output: list[str] = []
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, running=lambda: process.poll() is None)
    except (RuntimeError, TimeoutError) as exc:
        process.kill()
        pytest.fail(f"{exc}; it printed:\n{process.communicate()[0]}")
    try:
        yield url, output
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
        try:
            output.append(process.communicate(timeout=20)[0])
        except subprocess.TimeoutExpired:
            process.kill()
            output.append(process.communicate()[0])


def token(url: str, email: str, password: str) -> str:
    answer = httpx.post(
        f"{url}/api/auth/token", data={"username": email, "password": password}, timeout=30)
    assert answer.status_code == 200, answer.text
    return str(answer.json()["access_token"])


@pytest.mark.usefixtures("fast_passwords")
def test_a_server_uses_a_field_another_process_added(db_url: str, make_server: MakeServer) -> None:
    initialize_app(db_url, load_template("crm"))
    with serving("serve", "--db", db_url) as (url, _output):
        other = httpx.Client(base_url=url, headers={
            "Authorization": f"Bearer {token(url, *ADMIN)}"}, timeout=30)
        assert other.get("/api/schema").json()["version"] == 1
        here = make_server(initialize=False).admin()
        doc = here.get("/api/schema").json()["definition"]
        doc["entities"][0]["fields"].append({"name": "vat_number", "type": "text"})
        assert here.put("/api/schema", json={"definition": doc, "base_version": 1}).is_success
        # The other process reloads the definition on its next request.
        assert other.get("/api/schema").json()["version"] == 2
        created = other.post("/api/records/client", json={"name": "Acme", "vat_number": "FR1"})
        assert created.status_code == 201, created.text
        assert created.json()["vat_number"] == "FR1"
        properties = other.get("/openapi.json").json()["components"]["schemas"]["client"]
        assert "vat_number" in properties["properties"]
        other.close()


def test_serve_refuses_a_database_without_an_app(sqlite_url: str) -> None:
    result = subprocess.run([KARTOTEKA, "serve", "--db", sqlite_url, "--port", "0"],
                            capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert result.returncode == 1
    assert "kartoteka init" in result.stderr


def test_the_api_description_is_for_signed_in_users_unless_told(sqlite_url: str) -> None:
    initialize_app(sqlite_url, load_template("crm"))
    with serving("serve", "--db", sqlite_url) as (url, _output):
        assert httpx.get(f"{url}/openapi.json", timeout=30).status_code == 401
    with serving("serve", "--db", sqlite_url, "--public-api-docs") as (url, _output):
        assert httpx.get(f"{url}/openapi.json", timeout=30).status_code == 200


def test_demo_builds_its_database_serves_it_and_prints_the_login(tmp_path: Path) -> None:
    with serving("demo", cwd=tmp_path) as (url, output):
        api_token = token(url, "demo@example.com", "kartoteka")
        deals = httpx.get(f"{url}/api/records/deal", params={"limit": 5},
                          headers={"Authorization": f"Bearer {api_token}"}, timeout=30)
        assert deals.status_code == 200, deals.text
        assert len(deals.json()["items"]) == 5
    printed = "".join(output)
    assert "demo@example.com / kartoteka" in printed
    assert f"Serving {url}" in printed
    with serving("demo", cwd=tmp_path) as (url, output):
        assert token(url, "demo@example.com", "kartoteka")
    assert "already there" in "".join(output)


def test_a_sqlite_server_loads_nothing_of_postgresql_nor_alembic(sqlite_url: str) -> None:
    """Memory: the app of a SQLite database, records read and written, imports neither the
    PostgreSQL driver nor SQLAlchemy's PostgreSQL dialect nor Alembic (loaded on the first
    schema change)."""
    initialize_app(sqlite_url, load_template("crm"))
    script = (
        "import sys\n"
        "from starlette.testclient import TestClient\n"
        "from kartoteka.app import create_app\n"
        f"client = TestClient(create_app({sqlite_url!r}))\n"
        "token = client.post('/api/auth/token', data={'username': sys.argv[1], "
        "'password': sys.argv[2]}).json()['access_token']\n"
        "client.headers['Authorization'] = f'Bearer {token}'\n"
        "assert client.post('/api/records/client', json={'name': 'Acme'}).status_code == 201\n"
        "assert client.get('/api/records/client?q=acm').json()['items']\n"
        "print(sorted(m for m in sys.modules if m.startswith(('psycopg', 'alembic', "
        "'sqlalchemy.dialects.postgresql'))))\n"
    )
    done = subprocess.run([sys.executable, "-c", script, *ADMIN], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
