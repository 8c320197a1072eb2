"""What is kept for a model lives in its one memo, every slot bounded (schema_engine.memo)."""

from __future__ import annotations

import copy
from collections.abc import Callable

from sqlalchemy import Engine

from kartoteka.schema_engine import apply
from kartoteka.schema_engine.definition.document import Document
from kartoteka.schema_engine.memo import QUERIES_KEPT, Kept
from kartoteka.schema_engine.model import AppModel, load_model
from kartoteka.schema_engine.query import query_from_params, run_query
from kartoteka.schema_engine.records import create_record, get_record

DEFINITION: Document = {"entities": [{
    "name": "deal", "label": "Deal", "plural": "Deals", "title_field": "title",
    "fields": [{"name": "title", "type": "text"}, {"name": "amount", "type": "integer"},
               {"name": "client", "type": "link", "to": "client"}],
}, {
    "name": "client", "label": "Client", "plural": "Clients", "title_field": "name",
    "fields": [{"name": "name", "type": "text"}],
}]}


def _work(engine: Engine, model: AppModel, lists: int) -> list[int]:
    """Write a record, read it, and ask `lists` different lists: how many each found."""
    with engine.begin() as conn:
        made = create_record(conn, model, "deal", {"title": "Big", "amount": 7}, user_id=None)
        get_record(conn, model, "deal", made["id"])
        found = []
        for n in range(lists):
            query = query_from_params(model, "deal", [("amount__lt", str(n))])
            found.append(len(run_query(conn, model, query).items))
        return found


def test_reads_and_writes_keep_nothing_on_the_model_outside_its_memo(
    sqlite_url: str, make_app: Callable[..., Engine],
) -> None:
    engine = make_app(DEFINITION)
    with engine.connect() as conn:
        model = load_model(conn)
    built = set(vars(model))
    _work(engine, model, 3)
    # Its own lazily built tables and links aside (cached properties of the model itself).
    assert set(vars(model)) - built <= {"metadata", "_relations"}
    assert len(model.memo.readers) == 1 and len(model.memo.writers) == 1
    assert len(model.memo.queries) == 3


def test_many_different_lists_keep_a_bounded_number_and_still_answer(
    sqlite_url: str, make_app: Callable[..., Engine],
) -> None:
    engine = make_app(DEFINITION)
    with engine.connect() as conn:
        model = load_model(conn)
    found = _work(engine, model, QUERIES_KEPT + 50)
    assert found == [0] * 8 + [1] * (QUERIES_KEPT + 42)  # amount < 8 finds the deal of 7
    for kept in model.memo.slots():
        assert len(kept) <= kept.size, kept


def test_a_new_version_starts_with_an_empty_memo(
    sqlite_url: str, make_app: Callable[..., Engine],
) -> None:
    engine = make_app(DEFINITION)
    with engine.connect() as conn:
        old = load_model(conn)
    _work(engine, old, 1)
    changed = copy.deepcopy(old.doc)
    changed["entities"][0]["fields"].append({"name": "note", "type": "text"})
    apply(engine, changed, author="admin")
    with engine.connect() as conn:
        new = load_model(conn)
    assert new.version == old.version + 1
    assert [len(kept) for kept in new.memo.slots()] == [0] * 6
    with engine.connect() as conn:  # the reader kept for the old version is not the new one's
        assert "note" in get_record(conn, new, "deal", 1)
        assert "note" not in get_record(conn, old, "deal", 1)


def test_a_full_slot_starts_again_with_the_value_kept_last() -> None:
    kept: Kept[int] = Kept("numbers", 2)
    assert [kept.get_or_make(n, lambda n=n: n * 10) for n in (1, 2, 1)] == [10, 20, 10]
    kept.put(3, 30)
    assert (len(kept), kept.get(3), kept.get(1)) == (1, 30, None)
    assert repr(kept) == "<kept numbers: 1 of 2>"
