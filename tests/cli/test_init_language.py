"""`kartoteka init --language ru`: an app whose default language is Russian, and the templates
labelled in all five languages."""

from __future__ import annotations

import httpx
import pytest

from kartoteka.platform.templates import load_template
from kartoteka.schema_engine.languages import LANGUAGES
from tests.cli.test_main import cli, definition, run
from tests.support.pages import login_form
from tests.support.servers import ADMIN, MakeServer


def test_init_language_ru_makes_a_russian_app(sqlite_url: str) -> None:
    result = cli("init", "--db", sqlite_url, "--language", "ru")
    assert result.exit_code == 0, result.output
    assert "Default language: Русский (ru)" in result.output
    doc = definition(sqlite_url)
    assert doc["language"] == "ru"
    assert doc["entities"][1]["label"]["ru"] == "Сделка"


def test_init_refuses_a_language_it_does_not_speak(sqlite_url: str) -> None:
    result = run("init", "--db", sqlite_url, "--language", "de")
    assert result.returncode == 2
    assert "'de' is not one of 'en', 'ru', 'ro', 'id', 'zh'" in result.stderr


def test_without_a_language_the_definition_names_none(sqlite_url: str) -> None:
    assert cli("init", "--db", sqlite_url).exit_code == 0
    assert "language" not in definition(sqlite_url)


@pytest.mark.parametrize("name", ["crm", "trading"])
def test_the_templates_are_labelled_in_all_five_languages(name: str) -> None:
    doc = load_template(name)
    labels = []
    for entity in doc["entities"]:
        labels += [entity["label"], entity["plural"]]
        for f in entity["fields"]:
            labels.append(f["label"])
            labels += [o["label"] for o in f.get("options", []) if isinstance(o, dict)]
    labels += [d["label"] for d in doc.get("documents", [])]
    labels += [a["label"] for a in doc.get("automations", [])]
    for label in labels:
        assert isinstance(label, dict) and list(label) == list(LANGUAGES), label
        assert all(text.strip() for text in label.values()), label


def test_a_russian_app_speaks_russian_to_a_browser_that_names_no_language(
    sqlite_url: str, make_server: MakeServer
) -> None:
    """The app --language ru makes: Russian pages for a browser that names no language,
    English ones for an English browser, Russian labels once signed in."""
    server = make_server(definition={**load_template("crm"), "language": "ru"})
    with httpx.Client(base_url=server.url, timeout=30) as browser:
        assert "<title>Войти · Kartoteka" in browser.get("/login").text
        english = browser.get("/login", headers={"Accept-Language": "en-GB"}).text
        assert "<title>Sign in · Kartoteka" in english
        assert login_form(browser, *ADMIN).status_code == 303
        assert "<h1>Сделки" in browser.get("/records/deal").text
        assert "<h1>Deals" in browser.get("/records/deal", headers={"Accept-Language": "en"}).text
