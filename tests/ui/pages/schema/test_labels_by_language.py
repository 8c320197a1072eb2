"""The schema builder edits labels in every language the app offers, side by side, and each
reader then sees their language."""

from __future__ import annotations

import httpx

from tests.support.forms import apply_plan, definition, entity, field, plan
from tests.support.pages import visible_text
from tests.support.servers import LiveServer

RUSSIAN = {"Accept-Language": "ru"}
CHINESE = {"Accept-Language": "zh-CN,zh;q=0.9"}


def test_a_field_and_its_options_labelled_in_three_languages(
    admin: httpx.Client, demo_server: LiveServer
) -> None:
    form_page = "/schema/entities/client/fields/new?type=select"
    page = admin.get(form_page).text
    # The app names no languages, so it offers all five: English first, the others beside it.
    for code, name in [("ru", "Русский"), ("ro", "Română"), ("id", "Bahasa Indonesia"),
                       ("zh", "中文")]:
        assert f'name="label.{code}"' in page and f">{name}</label>" in page
        assert f'name="option_label.{code}"' in page
    data = [("label", "Source"), ("label.ru", "Источник"), ("label.zh", "来源"),
            ("label.ro", ""), ("name", "source"),
            ("option_value", "web"), ("option_label", "Website"),
            ("option_label.ru", "Сайт"), ("option_label.zh", "网站"), ("option_label.ro", ""),
            ("option_value", "call"), ("option_label", ""), ("option_label.ru", ""),
            ("option_label.zh", ""), ("option_label.ro", "")]
    planned = plan(admin, form_page, data, form_page)
    assert planned.status_code == 200, visible_text(planned.text)
    assert apply_plan(admin, planned.text).status_code == 303
    assert field(definition(demo_server), "client", "source") == {
        "id": "fld_client_source", "name": "source", "type": "select",
        "label": {"en": "Source", "ru": "Источник", "zh": "来源"},
        "options": [{"value": "web", "label": {"en": "Website", "ru": "Сайт", "zh": "网站"}},
                    "call"]}
    # Its form shows each text in its own input again.
    edit = admin.get("/schema/entities/client/fields/source/edit").text
    assert 'name="label.ru" lang="ru" value="Источник"' in edit
    assert 'name="option_label.zh" lang="zh" value="网站"' in edit


def test_each_reader_sees_their_language_then_the_default(
    admin: httpx.Client, demo_server: LiveServer
) -> None:
    form_page = "/schema/entities/deal/edit"
    # The template labels deals in five languages; these change two and clear two.
    data = [("name", "deal"), ("label", "Deal"), ("label.ru", "Продажа"), ("label.zh", "交易"),
            ("plural", "Deals"), ("plural.ru", "Продажи"), ("plural.zh", "交易"),
            ("plural.ro", ""), ("plural.id", ""), ("title_field", "title")]
    planned = plan(admin, form_page, data, form_page)
    assert planned.status_code == 200, visible_text(planned.text)
    assert apply_plan(admin, planned.text).status_code == 303
    deal = entity(definition(demo_server), "deal")
    assert deal["label"] == {"en": "Deal", "ru": "Продажа", "ro": "Afacere", "id": "Kesepakatan",
                             "zh": "交易"}
    assert deal["plural"] == {"en": "Deals", "ru": "Продажи", "zh": "交易"}
    assert "<h1>Продажи" in admin.get("/records/deal", headers=RUSSIAN).text
    assert "<h1>交易" in admin.get("/records/deal", headers=CHINESE).text
    # Romanian has no text now: the app's default language (English) is shown.
    assert "<h1>Deals" in admin.get("/records/deal", headers={"Accept-Language": "ro"}).text
    # An old form that sends the default language alone keeps the other texts.
    kept = plan(admin, form_page, [("name", "deal"), ("label", "Deal"), ("plural", "Sales"),
                                   ("title_field", "title")], form_page)
    assert apply_plan(admin, kept.text).status_code == 303
    assert entity(definition(demo_server), "deal")["plural"] == {
        "en": "Sales", "ru": "Продажи", "zh": "交易"}
