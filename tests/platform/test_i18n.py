"""The request's language and the engine's messages translated at the edge."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kartoteka.platform.i18n import (
    LanguageChoice,
    accepted_languages,
    catalog,
    reset_choice,
    set_choice,
    translate,
)
from kartoteka.schema_engine.errors import FieldError, RecordInvalid, RecordNotFound
from kartoteka.schema_engine.message import AND, Listing, msg, plural_msg


@pytest.fixture(autouse=True)
def _no_choice_left_behind() -> Iterator[None]:
    token = set_choice(None)
    yield
    reset_choice(token)


@pytest.mark.parametrize(("header", "languages"), [
    ("ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7", ("ru", "en")),
    ("de-DE,de;q=0.9,ru;q=0.8,zh-CN;q=0.9", ("zh", "ru")),
    ("en;q=0.5, ro", ("ro", "en")),
    ("zh-TW,zh;q=0.5", ("zh",)),
    ("ru;q=0", ()),
    ("ru;q=abc, en", ("en",)),
    ("", ()),
    ("*", ()),
])
def test_accept_language(header: str, languages: tuple[str, ...]) -> None:
    assert accepted_languages(header) == languages


@pytest.mark.parametrize(("choice", "language"), [
    # Pages: the user's choice, then the browser, then the app's default.
    (LanguageChoice(("ro",), user="ru", default="en"), "ru"),
    (LanguageChoice(("ro",), user="", default="en"), "ro"),
    (LanguageChoice((), user="", default="zh"), "zh"),
    # Languages the app does not offer are passed over.
    (LanguageChoice(("ro", "en"), user="zh", default="ru", offered=("ru", "en")), "en"),
    # The API: the browser, then the user's choice, then the default.
    (LanguageChoice(("ro",), user="ru", default="en", api=True), "ro"),
    (LanguageChoice((), user="ru", default="en", api=True), "ru"),
    (LanguageChoice((), user="", default="id", api=True), "id"),
])
def test_the_order_of_the_choice(choice: LanguageChoice, language: str) -> None:
    assert choice.language == language


def test_learning_the_user_changes_the_decision() -> None:
    choice = LanguageChoice(("ro",))
    assert choice.language == "ro"
    choice.learn_user("ru")
    assert choice.language == "ru"
    choice.learn_app({"language": "zh", "languages": ["en"]})
    assert choice.language == "zh"  # neither ro nor ru is offered now


def test_an_engine_error_in_two_languages() -> None:
    error = RecordNotFound(msg("%(entity)s %(id)s does not exist", entity="deal", id=7))
    assert str(error) == "deal 7 does not exist"
    set_choice(LanguageChoice(("ru",)))
    assert translate(error.message) == "записи deal 7 не существует"
    set_choice(LanguageChoice(("en",)))
    assert translate(error.message) == "deal 7 does not exist"


def test_plural_forms_and_nested_messages_follow_the_catalog() -> None:
    problem = msg("%(entity)s %(id)s does not exist", entity="client", id=3)
    for count, russian in [(1, "неверное значение"), (3, "неверных значения"),
                           (5, "неверных значений"), (21, "неверное значение")]:
        error = RecordInvalid([FieldError("client", problem)] * count)
        text = error.message
        assert str(text).startswith(f"the record has {count} invalid value")
        set_choice(LanguageChoice(("ru",)))
        assert translate(text).startswith(f"в записи {count} {russian}: client: записи client 3")


def test_listings_join_their_last_item_in_words() -> None:
    three = Listing(("a", "b", "c"), ", ", AND)
    assert str(msg("%(x)s", x=three)) == "a, b and c"
    assert str(Listing(("a",), ", ", AND)) == "a"
    assert str(plural_msg("%(count)s record", "%(count)s records", 2)) == "2 records"


def test_english_and_missing_catalogs_give_the_source_text() -> None:
    assert catalog("en").gettext("Save") == "Save"
    assert catalog("ru").gettext("Save") == "Сохранить"
    assert catalog("ru").gettext("no such message") == "no such message"


def test_a_plain_string_is_passed_through() -> None:
    set_choice(LanguageChoice(("ru",)))
    assert translate("something not yet converted") == "something not yet converted"
