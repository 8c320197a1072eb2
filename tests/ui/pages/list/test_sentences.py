"""The filters above a list are said in the user's language: each operator's sentence goes
through the UI's gettext, so a catalog translates it."""

from __future__ import annotations

import gettext
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir

from kartoteka import ui
from kartoteka.schema_engine.model import AppModel
from kartoteka.schema_engine.query import OPERATORS, query_from_params
from kartoteka.ui import i18n
from kartoteka.ui.pages.list.sentences import SENTENCES, describe

MODEL = AppModel({"entities": [{"id": "e", "name": "deal", "label": "Deal", "fields": [
    {"id": "f1", "name": "amount", "label": "Amount", "type": "integer"},
    {"id": "f2", "name": "closes", "label": "Closes", "type": "date"},
    {"id": "f3", "name": "title", "label": "Title", "type": "text"},
    {"id": "f4", "name": "paid", "label": "Paid", "type": "boolean"},
]}]}, 1)

RUSSIAN = {
    "%(field)s is greater than %(value)s": "%(field)s больше %(value)s",
    "%(field)s is after %(value)s": "%(field)s после %(value)s",
    "%(field)s is not empty": "%(field)s заполнено",
    "%(field)s is %(value)s": "%(field)s: %(value)s",
    "yes": "да",
    " or ": " или ",
}


class Russian(gettext.NullTranslations):
    """A catalog of a few messages, the rest left in English."""

    def gettext(self, message: str) -> str:
        return RUSSIAN.get(message, message)


def _said(*params: tuple[str, str]) -> list[str]:
    return describe(query_from_params(MODEL, "deal", list(params)).filter)


@pytest.mark.parametrize("params, said", [
    ([("amount__gt", "5000")], ["Amount больше 5000"]),
    ([("closes__gt", "2026-05-01")], ["Closes после 2026-05-01"]),
    ([("title__empty", "false")], ["Title заполнено"]),
    ([("paid", "true")], ["Paid: да"]),
    ([("filter", '{"or": [{"field": "amount", "op": "gt", "value": 1},'
                 ' {"field": "paid", "value": true}]}')], ["(Amount больше 1 или Paid: да)"]),
])
def test_a_filter_sentence_is_translated(params: list[tuple[str, str]], said: list[str],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(i18n, "translations", Russian)
    assert _said(*params) == said


def test_in_english_the_sentences_read_as_before() -> None:
    assert _said(("amount__gt", "5000"), ("closes__lte", "2026-05-01"), ("paid", "true"),
                 ("title__empty", "false")) == [
        "Amount is greater than 5000", "Closes is on or before 2026-05-01", "Paid is yes",
        "Title is not empty"]


def test_every_operator_of_the_engine_has_a_sentence_of_the_ui() -> None:
    assert sorted(OPERATORS) == sorted(SENTENCES)


def test_babel_extracts_the_sentences() -> None:
    method_map = [("**/list/sentences.py", "python")]
    found = {message for _, _, message, _, _ in
             extract_from_dir(str(Path(ui.__file__).parent), method_map)}
    assert {"%(field)s is greater than %(value)s", "%(field)s is on or before %(value)s",
            "%(field)s is not empty", "yes", "no"} <= found
