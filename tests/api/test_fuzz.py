"""Fuzzing: schemathesis sends what the OpenAPI of the demo app allows, and what it does not.

Whatever it sends, the answer is never a 500 and always JSON. The server runs the demo app
(crm template and sample data) over real HTTP; requests come as the demo administrator.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import hypothesis
import pytest
import schemathesis
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from sqlalchemy import Connection

from kartoteka import schema_engine as se
from kartoteka.app import create_app
from kartoteka.platform.accounts import users
from kartoteka.platform.demo import load_sample_data
from kartoteka.platform.tables import upgrade_tables
from kartoteka.platform.templates import load_template
from kartoteka.settings import Settings
from tests.support.servers import ADMIN, serve_in_thread

#: Examples per operation; the suite stays fast, and every operation is still fuzzed.
EXAMPLES = 12
#: Failed logins are fuzzed too: they must not slow the run down or refuse the address.
NO_THROTTLE = Settings(login_free_failures=10**6, login_address_failures=10**6)


def build_demo(url: str) -> None:
    engine = se.connect(url)
    admin: list[int] = []

    def accounts(conn: Connection) -> None:
        upgrade_tables(conn)
        admin.append(users.create_user(conn, *ADMIN, is_admin=True))

    se.initialize(engine, load_template("crm"), author="test", before_commit=accounts)
    with engine.begin() as conn:
        load_sample_data(conn, se.current(conn).document, user_id=admin[0])
    engine.dispose()


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db_url = f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'demo.db'}"
    build_demo(db_url)
    url, running = serve_in_thread(create_app(db_url, settings=NO_THROTTLE))
    yield url
    running.stop()


@pytest.fixture(scope="module")
def token(demo_url: str) -> str:
    answer = httpx.post(f"{demo_url}/api/auth/token",
                        data={"username": ADMIN[0], "password": ADMIN[1]}, timeout=30)
    return str(answer.json()["access_token"])


@pytest.fixture(scope="module")
def api_schema(demo_url: str, token: str) -> schemathesis.BaseSchema:
    # The description is for signed-in users only.
    return schemathesis.openapi.from_url(f"{demo_url}/openapi.json",
                                         headers={"Authorization": f"Bearer {token}"})


def _operations() -> list[tuple[str, str]]:
    """(method, path) of every operation of the demo's OpenAPI, but two: applying random
    definitions or revoking the run's token would end the run's meaning early."""
    fixed = [("POST", "/api/auth/token"), ("GET", "/api/schema"), ("POST", "/api/schema/plan"),
             ("GET", "/api/schema/history")]
    per_entity = [("GET", ""), ("POST", ""), ("POST", "/query"), ("POST", "/batch"),
                  ("GET", "/{id}"), ("PATCH", "/{id}"), ("DELETE", "/{id}"),
                  ("POST", "/{id}/restore")]
    entities = [e["name"] for e in load_template("crm")["entities"]]
    return fixed + [(method, f"/api/records/{entity}{tail}")
                    for entity in entities for method, tail in per_entity]


#: Operations without parameters or body have no invalid input to make.
_NO_INPUT = {("GET", "/api/schema"), ("GET", "/api/schema/history")}


@pytest.mark.parametrize(("method", "path", "mode"), [
    pytest.param(method, path, mode, id=f"{method} {path} {mode.value}")
    for method, path in _operations() for mode in GenerationMode
    if mode is GenerationMode.POSITIVE or (method, path) not in _NO_INPUT
])
def test_no_input_gets_a_server_error(
    api_schema: schemathesis.BaseSchema, demo_url: str, token: str, method: str, path: str,
    mode: GenerationMode,
) -> None:
    operation = api_schema[path][method]
    headers = {"Authorization": f"Bearer {token}"}

    @hypothesis.given(operation.as_strategy(generation_mode=mode))
    @hypothesis.settings(max_examples=EXAMPLES, deadline=None, database=None,
                         suppress_health_check=list(hypothesis.HealthCheck))
    def send(case: schemathesis.Case) -> None:
        response = case.call(base_url=demo_url, headers=headers)
        case.validate_response(response, checks=[not_a_server_error])
        assert response.headers["content-type"] == ["application/json"], response.text

    send()


def test_the_fuzzed_operations_are_all_there_are(api_schema: schemathesis.BaseSchema) -> None:
    listed = {(method.upper(), path) for path, methods in api_schema.items()
              for method in methods}
    skipped = {("PUT", "/api/schema"), ("DELETE", "/api/auth/token")}
    assert listed - skipped == set(_operations())


def test_sequences_of_record_operations_get_no_server_error(
    api_schema: schemathesis.BaseSchema, demo_url: str, token: str,
) -> None:
    """Stateful mode: schemathesis links the record operations by their ids (create, then read,
    change, trash and restore what was made) and runs random sequences of them."""
    headers = {"Authorization": f"Bearer {token}"}
    machine = api_schema.include(path_regex="^/api/records/").as_state_machine()

    class Workflow(machine):  # type: ignore[misc,valid-type]
        def get_call_kwargs(self, case: schemathesis.Case) -> dict[str, Any]:
            return {"base_url": demo_url, "headers": headers}

        def validate_response(self, response: Any, case: schemathesis.Case,
                              additional_checks: Any = None, **kwargs: Any) -> None:
            case.validate_response(response, checks=[not_a_server_error])

    Workflow.run(settings=hypothesis.settings(
        max_examples=20, stateful_step_count=8, deadline=None, database=None,
        suppress_health_check=list(hypothesis.HealthCheck)))
