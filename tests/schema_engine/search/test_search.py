"""Text search on SQLite and PostgreSQL: case- and accent-insensitive for every alphabet, through
the search columns and their trigram indexes, which schema changes keep in step."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, inspect, select, text, update

from kartoteka.schema_engine import purge, rollback, trash_items
from kartoteka.schema_engine.definition.document import Document
from kartoteka.schema_engine.model import AppModel
from kartoteka.schema_engine.search.folded import contains, matches, shadow_values, startswith
from tests.support.definitions import MakeApp, change, entity_def, field, field_def, versions
from tests.support.queries import add_rows, cached_model, model_of, shared_app

NAMES = [
    "Ольга Иванова",  # 1
    "José Álvarez",  # 2
    "北京贸易公司",  # 3
    "Straße 5",  # 4
    "ΣΟΦΊΑ",  # 5
    "İstanbul ﬁles",  # 6
    '100% off_line / "quoted" it\'s',  # 7
    None,  # 8
]


def people() -> Document:
    return {
        "entities": [
            entity_def(
                "person",
                field_def("name", "text"),
                field_def("email", "email"),
                field_def("score", "integer"),
            )
        ]
    }


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def app(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    with shared_app(request, tmp_path_factory.mktemp("search"), people()) as engine:
        add_rows(engine, "person", *[{"name": n} for n in NAMES])
        add_rows(engine, "person", {"name": "x", "email": "olga@example.com"})  # 9
        yield engine


def found(engine: Engine, term: str, field_name: str = "name", entity: str = "person") -> list[int]:
    """Ids of records whose `field_name` contains `term`."""
    with engine.connect() as conn:
        model = cached_model(conn)
        table = model.table(entity)
        condition = contains(model, entity, field_name, term)
        return [r[0] for r in conn.execute(select(table.c.id).where(condition).order_by("id"))]


def searched(engine: Engine, words: str, entity: str = "person") -> list[int]:
    with engine.connect() as conn:
        model = cached_model(conn)
        table = model.table(entity)
        condition = matches(model, entity, words)
        return [r[0] for r in conn.execute(select(table.c.id).where(condition).order_by("id"))]


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("ОЛЬГА", [1]),
        ("ольга иван", [1]),
        ("ь", [1]),
        ("jose", [2]),
        ("JOSÉ ÁLV", [2]),
        ("alvarez", [2]),
        ("北京", [3]),
        ("贸易公司", [3]),
        ("京", [3]),
        ("STRASSE", [4]),
        ("straße", [4]),
        ("σοφια", [5]),
        ("Σοφία", [5]),
        ("istanbul", [6]),
        ("files", [6]),
        ("%", [7]),
        ("_", [7]),
        ("off_l", [7]),
        ("0% o", [7]),
        ("/", [7]),
        ('"quoted"', [7]),
        ("it's", [7]),
        ("zzz", []),
        ("a", [2, 4, 6]),  # not the Greek alpha of 5
    ],
)
def test_contains_ignores_case_and_accents_in_every_alphabet(
    app: Engine, term: str, expected: list[int]
) -> None:
    assert found(app, term) == expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("olga", [9]),
        ("ольга", [1]),
        ("OLGA example", [9]),
        ("josé straße", []),
        ("贸易 北京", [3]),
        ("   ", list(range(1, 10))),
    ],
)
def test_q_needs_every_word_in_some_text_field(
    app: Engine, words: str, expected: list[int]
) -> None:
    assert searched(app, words) == expected


def test_startswith_ignores_case_and_accents(app: Engine) -> None:
    with app.connect() as conn:
        model = cached_model(conn)
        table = model.table("person")
        for term, expected in (("jos", [2]), ("ÁLV", []), ("_", []), ("100%", [7])):
            condition = startswith(model, "person", "name", term)
            rows = conn.execute(select(table.c.id).where(condition)).all()
            assert [r[0] for r in rows] == expected, term


def test_shadow_values_are_folded_values_of_searchable_fields(app: Engine) -> None:
    model = model_of(app)
    given = {"name": "ОЛЬГА Café", "score": 5, "email": ""}
    assert shadow_values(model, "person", given) == {
        "kt_fold_fld_name": "ольга cafe",
        "kt_fold_fld_email": None,
    }
    assert shadow_values(model, "person", {"score": 5}) == {}
    assert shadow_values(model, "person", {"name": None}) == {"kt_fold_fld_name": None}


# ---------------------------------------------------------------- the index follows the data


def test_the_search_index_follows_updates_and_deletes(db_url: str, make_app: MakeApp) -> None:
    engine = make_app(people())
    add_rows(engine, "person", {"name": "Acme Pharma"}, {"name": "Globex"})
    model = model_of(engine)
    table = model.table("person")
    with engine.begin() as conn:
        new = {"name": "Pharmacia"}
        conn.execute(
            update(table)
            .where(table.c.id == 1)
            .values(**new, **shadow_values(model, "person", new))
        )
        assert found_in(conn, model, "acme") == []
        assert found_in(conn, model, "pharmac") == [1]
        conn.execute(table.delete().where(table.c.id == 1))
    assert found(engine, "pharma") == []
    assert found(engine, "globex") == [2]
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:  # the FTS index itself holds nothing stale
            hits = conn.exec_driver_sql(
                "SELECT rowid FROM kt_fts_fld_name WHERE kt_fts_fld_name MATCH '\"pharma\"'"
            ).all()
        assert hits == []


def found_in(conn: object, model: AppModel, term: str) -> list[int]:
    table = model.table("person")
    statement = select(table.c.id).where(contains(model, "person", "name", term))
    return [r[0] for r in conn.execute(statement)]  # type: ignore[attr-defined]


# ---------------------------------------------------------------- schema changes


def search_index(engine: Engine, field_id: str, table: str) -> bool:
    """Whether a field's search column has its trigram index (and, on SQLite, its triggers)."""
    with engine.connect() as conn:
        if engine.dialect.name != "sqlite":
            return (
                conn.execute(
                    text("SELECT 1 FROM pg_indexes WHERE indexname = :n AND tablename = :t"),
                    {"n": f"kt_trgm_{field_id}", "t": table},
                ).first()
                is not None
            )
        names = {
            (row[0], row[1])
            for row in conn.exec_driver_sql("SELECT name, tbl_name FROM sqlite_master")
        }
    fts = f"kt_fts_{field_id}"
    triggers = {(f"{fts}_{s}", table) for s in ("ins", "upd", "del")}
    return (fts, fts) in names and triggers <= names


def shadow_columns(engine: Engine, table: str) -> list[str]:
    return [
        c["name"] for c in inspect(engine).get_columns(table) if c["name"].startswith("kt_fold")
    ]


@pytest.fixture
def people_app(db_url: str, make_app: MakeApp) -> Engine:
    engine = make_app(people())
    add_rows(
        engine,
        "person",
        {"name": "Ольга", "email": "olga@x.org", "score": 42},
        {"name": "José", "score": 7},
    )
    return engine


def test_new_tables_and_fields_get_search_columns_and_indexes(people_app: Engine) -> None:
    assert shadow_columns(people_app, "person") == ["kt_fold_fld_name", "kt_fold_fld_email"]
    assert search_index(people_app, "fld_name", "person")
    result = change(
        people_app, lambda d: d["entities"][0]["fields"].append(field_def("city", "text"))
    )
    assert [op.op for op in result.plan.operations] == ["add_field"]
    assert shadow_columns(people_app, "person")[-1] == "kt_fold_fld_city"
    assert search_index(people_app, "fld_city", "person")
    add_rows(people_app, "person", {"name": "Pierre", "city": "Besançon"})
    assert found(people_app, "besancon", "city") == [3]


def test_a_required_text_field_with_a_default_is_searchable_at_once(people_app: Engine) -> None:
    change(
        people_app,
        lambda d: d["entities"][0]["fields"].append(
            field_def("country", "text", required=True, default="Česko")
        ),
    )
    assert found(people_app, "cesko", "country") == [1, 2]


def test_search_survives_renaming_the_field_and_the_entity(people_app: Engine) -> None:
    def rename(doc: Document) -> None:
        doc["entities"][0]["name"] = "contact"
        field(doc, "contact", "name")["name"] = "full_name"

    change(people_app, rename)
    assert found(people_app, "ОЛЬГА", "full_name", "contact") == [1]
    assert search_index(people_app, "fld_name", "contact")
    add_rows(people_app, "contact", {"full_name": "Zoë"})
    assert found(people_app, "zoe", "full_name", "contact") == [3]


def test_retyping_takes_the_search_column_away_and_brings_it_back(people_app: Engine) -> None:
    change(people_app, lambda d: d["entities"][0]["fields"].append(field_def("code", "text")))
    add_rows(people_app, "person", {"name": "Coded", "code": "0042"})
    change(people_app, lambda d: field(d, "person", "code").update(type="integer"))
    assert "kt_fold_fld_code" not in shadow_columns(people_app, "person")
    assert not search_index(people_app, "fld_code", "person")
    change(people_app, lambda d: field(d, "person", "code").update(type="text"))
    assert search_index(people_app, "fld_code", "person")
    assert found(people_app, "42", "code") == [3]
    assert found(people_app, "ольга") == [1]  # the other field's index went through it all


def test_retyping_a_number_to_text_makes_it_searchable(people_app: Engine) -> None:
    change(people_app, lambda d: field(d, "person", "score").update(type="text"))
    assert "kt_fold_fld_score" in shadow_columns(people_app, "person")
    assert found(people_app, "42", "score") == [1]
    add_rows(people_app, "person", {"name": "New", "score": "4242"})
    assert found(people_app, "424", "score") == [3]
    # a SQLite rebuild copied the table: the other field's index and its triggers are still there
    assert found(people_app, "josé") == [2]
    assert found(people_app, "new") == [3]
    assert search_index(people_app, "fld_name", "person")


def test_retyping_within_text_types_keeps_search_in_step(people_app: Engine) -> None:
    change(people_app, lambda d: field(d, "person", "email").update(type="text"))
    assert found(people_app, "OLGA@", "email") == [1]
    change(
        people_app,
        lambda d: field(d, "person", "name").update(type="select", options=["Ольга", "José"]),
    )
    assert "kt_fold_fld_name" not in shadow_columns(people_app, "person")
    assert not search_index(people_app, "fld_name", "person")
    change(people_app, _to_text)
    assert found(people_app, "ОЛЬ") == [1]


def _to_text(doc: Document) -> None:
    name = field(doc, "person", "name")
    name.pop("options")
    name["type"] = "text"


def test_trashed_fields_keep_their_search_column_and_come_back_searchable(
    people_app: Engine,
) -> None:
    version = versions(people_app)[0]
    change(people_app, lambda d: d["entities"][0]["fields"].pop(0))
    assert "kt_fold_fld_name" in shadow_columns(people_app, "person")  # hidden with the field
    add_rows(people_app, "person", {"email": "new@x.org"})
    rollback(people_app, version, author="admin")
    assert found(people_app, "ольга") == [1]
    assert search_index(people_app, "fld_name", "person")
    add_rows(people_app, "person", {"name": "Back again"})
    assert found(people_app, "again") == [4]


def test_trashed_entities_come_back_searchable(people_app: Engine) -> None:
    version = versions(people_app)[0]
    change(
        people_app, lambda d: d["entities"].append(entity_def("tag", field_def("label", "text")))
    )
    change(people_app, lambda d: d["entities"].pop(0))
    rollback(people_app, version + 1, author="admin")
    assert found(people_app, "josé") == [2]
    assert found(people_app, "olga@", "email") == [1]


def test_purging_a_field_drops_its_search_column_and_index(people_app: Engine) -> None:
    change(people_app, lambda d: d["entities"][0]["fields"].pop(1))
    with people_app.connect() as conn:
        item = trash_items(conn)[0]
    purge(people_app, item.id, author="admin")
    assert shadow_columns(people_app, "person") == ["kt_fold_fld_name"]
    assert not search_index(people_app, "fld_email", "person")
    assert search_index(people_app, "fld_name", "person")
    assert found(people_app, "ольга") == [1]
    add_rows(people_app, "person", {"name": "After purge"})
    assert found(people_app, "purge") == [3]


def test_purging_an_entity_drops_its_search_indexes(people_app: Engine) -> None:
    change(
        people_app, lambda d: d["entities"].append(entity_def("tag", field_def("label", "text")))
    )
    change(people_app, lambda d: d["entities"].pop(0))
    with people_app.connect() as conn:
        item = trash_items(conn)[0]
    purge(people_app, item.id, author="admin")
    with people_app.connect() as conn:
        tables = inspect(conn).get_table_names()
    assert not [t for t in tables if "fld_name" in t or "fld_email" in t]
    assert search_index(people_app, "fld_label", "tag")


def test_restored_values_are_searchable(people_app: Engine) -> None:
    change(people_app, lambda d: d["entities"][0]["fields"].append(field_def("code", "text")))
    add_rows(people_app, "person", {"name": "Coded", "code": "A-17"})
    change(
        people_app,
        lambda d: field(d, "person", "code").update(type="integer"),
        on_bad_values="clear",
    )
    change(people_app, lambda d: field(d, "person", "code").update(type="text"))
    assert found(people_app, "a-1", "code") == [3]
