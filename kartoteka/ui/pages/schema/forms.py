"""The schema builder's forms: what an admin typed, read into entity and field definitions.

A form is read from the submitted pairs (`from_pairs`) or filled from a definition
(`from_field`, `from_entity`), and turned back into a definition (`to_field`, `to_entity`) that
keeps everything the form does not show (ids, option colours, an entity's role...). The form
shows, for each type, only the settings that type takes (the type registry's `keys`), and the
engine checks the result: the forms convert text, the engine judges it.

Labels are edited in every language the app offers, side by side: the input of the app's
default language keeps the plain name (`label`, `plural`, `option_label`), the others are named
by language (`label.ru`, `option_label.zh`). A label with text in the default language only is
stored as a plain string; with more, as a map by language. Texts of languages the form did not
send are kept.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any, cast

from kartoteka.schema_engine.definition import Entity, Field
from kartoteka.schema_engine.languages import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    compact_label,
    label_map,
)
from kartoteka.schema_engine.types import FIELD_TYPES, ConversionError, FieldType, field_type
from kartoteka.ui import fields as moments
from kartoteka.ui.i18n import gettext

Pairs = Sequence[tuple[str, str]]

#: Empty option rows a field form offers below the options there are (more on request).
SPARE_OPTION_ROWS = 3
#: Form names of the plan and apply steps: never names of a schema form's own inputs.
CONTROL_NAMES = frozenset({"csrf_token", "step", "on_bad_values", "definition", "base_version",
                           "origin", "next", "summary"})


def type_labels() -> dict[str, str]:
    """Each field type as the type menu names it, in the registry's order."""
    labels = {
        "text": gettext("Text"), "long_text": gettext("Long text"),
        "integer": gettext("Whole number"), "decimal": gettext("Decimal number"),
        "money": gettext("Money"), "percent": gettext("Percent"),
        "boolean": gettext("Yes or no"), "date": gettext("Date"),
        "datetime": gettext("Date and time"), "email": gettext("Email"),
        "phone": gettext("Phone"), "url": gettext("Web address"),
        "select": gettext("Choice of options"), "multi_select": gettext("Several options"),
        "stage": gettext("Stage (pipeline)"), "link": gettext("Link to one record"),
        "links": gettext("Links to several records"), "user": gettext("User"),
        "autonumber": gettext("Automatic number"), "file": gettext("File"),
    }
    return {name: labels.get(name, name) for name in FIELD_TYPES}


def _one(pairs: Pairs, key: str) -> str:
    """The last value submitted for `key` (stripped), "" when there is none."""
    values = [value for name, value in pairs if name == key]
    return values[-1].strip() if values else ""


def _all(pairs: Pairs, key: str) -> list[str]:
    return [value.strip() for name, value in pairs if name == key]


def _checked(pairs: Pairs, key: str) -> bool:
    return _one(pairs, key) in ("1", "on", "true")


def _put(target: dict[str, Any], key: str, value: Any) -> None:
    """Set `key` when the form gave a value, remove it when the form left it empty (a 0 is a
    value: a lost stage's probability)."""
    if value is None or value is False or (isinstance(value, (str, list)) and not value):
        target.pop(key, None)
    else:
        target[key] = value


# ---------------------------------------------------------------- labels by language


def _other_texts(pairs: Pairs, key: str) -> dict[str, str]:
    """The texts of `key.<language>` inputs the form sent (an empty one clears its language)."""
    return {code: _one(pairs, f"{key}.{code}") for code in LANGUAGES
            if any(name == f"{key}.{code}" for name, _ in pairs)}


def _split_label(label: Any, default: str) -> tuple[str, dict[str, str]]:
    """A stored label as the form shows it: the default language's text, and the others'."""
    texts = label_map(label, default)
    return texts.pop(default, ""), texts


def _joined_label(text: str, others: dict[str, str], original: Any, default: str) -> Any:
    """The label to store: the original's texts, overwritten by those the form sent."""
    texts = {**label_map(original, default), **others, default: text}
    return compact_label(texts, default)


# ---------------------------------------------------------------- options


@dataclass
class OptionRow:
    """One option of a select or stage field, as its row of inputs holds it."""

    value: str = ""
    label: str = ""
    probability: str = ""
    #: "won", "lost" or "" (stages only).
    outcome: str = ""
    #: Kept from the definition (the form does not edit colours).
    color: str = ""
    #: The label in the other languages (language -> text).
    labels: dict[str, str] = field(default_factory=dict)


def _option_rows(pairs: Pairs) -> list[OptionRow]:
    columns = [_all(pairs, f"option_{key}")
               for key in ("value", "label", "probability", "outcome", "color")]
    sent = {code: _all(pairs, f"option_label.{code}") for code in LANGUAGES}
    sent = {code: texts for code, texts in sent.items() if texts}
    count = max(map(len, [*columns, *sent.values()]))
    padded = [column + [""] * (count - len(column)) for column in columns]
    rows = [OptionRow(*row) for row in zip(*padded, strict=True)]
    for code, texts in sent.items():
        for row, text in zip(rows, texts, strict=False):
            row.labels[code] = text
    return rows


def _rows_of(f: Field, default: str = DEFAULT_LANGUAGE) -> list[OptionRow]:
    won, lost = set(f.get("won", [])), set(f.get("lost", []))
    rows = []
    for option in f.get("options", []):
        item = {"value": option} if isinstance(option, str) else option
        value = str(item["value"])
        probability = item.get("probability")
        text, others = _split_label(item.get("label"), default)
        rows.append(OptionRow(
            value, text,
            "" if probability is None else f"{probability:g}",
            "won" if value in won else "lost" if value in lost else "",
            str(item.get("color", "")), others,
        ))
    return rows


def _options(rows: list[OptionRow], stage: bool, original: Field | None = None,
             default: str = DEFAULT_LANGUAGE) -> list[Any]:
    """The `options` of the rows with a value: a plain string unless it has more than a value."""
    options: list[Any] = []
    for row in rows:
        if not row.value:
            continue
        item: dict[str, Any] = {"value": row.value}
        _put(item, "label", _joined_label(row.label, row.labels,
                                          _option_label_of(original, row.value), default))
        _put(item, "color", row.color)
        if stage:
            _put(item, "probability", _number(row.probability))
        options.append(item if len(item) > 1 else row.value)
    return options


def _option_label_of(f: Field | None, value: str) -> Any:
    for option in f.get("options", []) if f else []:
        if isinstance(option, dict) and option.get("value") == value:
            return option.get("label")
    return None


# ---------------------------------------------------------------- fields


@dataclass
class FieldForm:
    """The inputs of the field form, as text."""

    name: str = ""
    label: str = ""
    description: str = ""
    type: str = "text"
    required: bool = False
    unique: bool = False
    #: "" (as the type does), "yes" or "no".
    indexed: str = ""
    default: str = ""
    currency: str = ""
    prefix: str = ""
    #: Numbers: "" (as the type does), "yes" or "no", as `indexed`.
    group_digits: str = ""
    summable: str = ""
    to: str = ""
    inverse: str = ""
    on_delete: str = ""
    options: list[OptionRow] = field(default_factory=list)
    #: The label in the other languages (language -> text).
    labels: dict[str, str] = field(default_factory=dict)

    @property
    def kind(self) -> Any:
        return field_type(self.type)

    def shows(self, key: str) -> bool:
        """Whether the form for this type has the input `key` (the registry decides)."""
        kind = self.kind
        common: dict[str, Callable[[], bool]] = {
            "unique": lambda: kind.can_be_unique and kind.has_column,
            "indexed": lambda: kind.has_column,
            "default": lambda: kind.can_default,
            "probability": lambda: self.type == "stage",
        }
        return common[key]() if key in common else key in kind.keys

    def with_spare_rows(self, spare: int = SPARE_OPTION_ROWS) -> FieldForm:
        """The form with `spare` empty option rows after the filled ones."""
        filled = [row for row in self.options
                  if row.value or row.label or any(row.labels.values())]
        return replace(self, options=filled + [OptionRow() for _ in range(spare)])


def field_from_pairs(pairs: Pairs, type_name: str) -> FieldForm:
    """The field form as submitted; `type_name` is the type the form was shown for."""
    return FieldForm(
        name=_one(pairs, "name"), label=_one(pairs, "label"),
        description=_one(pairs, "description"), type=type_name,
        required=_checked(pairs, "required"), unique=_checked(pairs, "unique"),
        indexed=_one(pairs, "indexed"), default=_one(pairs, "default"),
        currency=_one(pairs, "currency").upper(), prefix=_one(pairs, "prefix"),
        group_digits=_one(pairs, "group_digits"), summable=_one(pairs, "summable"),
        to=_one(pairs, "to"), inverse=_one(pairs, "inverse"),
        on_delete=_one(pairs, "on_delete"), options=_option_rows(pairs),
        labels=_other_texts(pairs, "label"),
    )


def field_from_definition(f: Field, type_name: str | None = None,
                          language: str = DEFAULT_LANGUAGE) -> FieldForm:
    """The field form filled from a field of the definition (shown for `type_name`), its
    labels split into the app's default `language` and the others."""
    indexed = f.get("indexed")
    default = f.get("default")
    text, others = _split_label(f.get("label"), language)
    return FieldForm(
        name=f["name"], label=text, labels=others,
        description=str(f.get("description", "")),
        type=type_name or f["type"], required=bool(f.get("required")),
        unique=bool(f.get("unique")),
        indexed=_yes_no(indexed),
        default=_default_text(default, f["type"]), currency=str(f.get("currency", "")),
        prefix=str(f.get("prefix", "")), group_digits=_yes_no(f.get("group_digits")),
        summable=_yes_no(f.get("summable")), to=str(f.get("to", "")),
        inverse=str(f.get("inverse", "")), on_delete=str(f.get("on_delete", "")),
        options=_rows_of(f, language),
    )


def to_field(form: FieldForm, original: Field | None = None,
             language: str = DEFAULT_LANGUAGE) -> Field:
    """The field definition the form describes; what the form does not show stays as it was
    (its id, `hidden`), and settings the type does not take are dropped."""
    # Built key by key from what was posted; the engine checks it when the draft is planned.
    f: dict[str, Any] = {k: v for k, v in (original or {}).items() if k in ("id", "hidden")}
    f["name"], f["type"] = form.name, form.type
    _put(f, "label", _joined_label(form.label, form.labels,
                                   original.get("label") if original else None, language))
    _put(f, "description", form.description)
    _put(f, "required", form.required)
    if form.shows("unique"):
        _put(f, "unique", form.unique)
    for key in ("indexed", "group_digits", "summable"):
        chosen = getattr(form, key)
        if form.shows(key) and chosen in ("yes", "no"):
            f[key] = chosen == "yes"
    if form.shows("default"):
        _put(f, "default", _default_value(form))
    for key in ("currency", "prefix", "to", "inverse", "on_delete"):
        if form.shows(key):
            _put(f, key, getattr(form, key))
    if form.shows("options"):
        f["options"] = _options(form.options, form.type == "stage", original, language)
        if form.type == "stage":
            for outcome in ("won", "lost"):
                _put(f, outcome, [r.value for r in form.options if r.value and
                                  r.outcome == outcome])
    return cast(Field, f)


def _yes_no(setting: Any) -> str:
    """A boolean setting as the form's select shows it: "" when the field does not say."""
    return "" if setting is None else "yes" if setting else "no"


def _default_text(default: Any, type_name: str) -> str:
    if default is None:
        return ""
    if _is_moment(type_name) and not str(default).startswith("$"):
        return moments.as_input(default)  # typed and shown in the admin's time zone
    if isinstance(default, bool):
        return "true" if default else "false"
    if isinstance(default, list):
        return ", ".join(map(str, default))
    return f"{default:g}" if isinstance(default, float) else str(default)


def _is_moment(type_name: str) -> bool:
    """A moment: typed and shown in the admin's time zone, kept in UTC."""
    return field_type(type_name).family == "datetime"


def _json_scalar(kind: FieldType) -> bool:
    """Its values are JSON numbers or true/false (not records), so a default typed as text is
    kept as one."""
    types = kind.value_schema({"type": kind.name}).get("type", [])
    return "object" not in types and bool({"integer", "number", "boolean"} & set(types))


def _default_value(form: FieldForm) -> Any:
    """The default as the definition holds it: a number for numbers, true/false for yes/no, a
    list for several options; text the type cannot read stays text, for the engine to explain."""
    text = form.default
    if not text or text.startswith("$"):
        return text
    if form.kind.many:
        return [part.strip() for part in text.split(",") if part.strip()]
    if _is_moment(form.type):
        # A local time in the admin's zone, stored in UTC; one the clocks skip becomes the
        # moment they jumped, as in filters (a default is not a record form to refuse it in).
        return moments.from_input(text, skipped="jump")
    if _json_scalar(form.kind):
        try:
            value = form.kind.parse(text, {"type": form.type})
        except ConversionError:
            return text
        return _number(value) if isinstance(value, Decimal) else value
    return text


def _number(value: Any) -> Any:
    """A JSON number from text or a Decimal ("" stays ""; text that is no number stays text)."""
    if value == "":
        return ""
    try:
        number = Decimal(str(value).replace(",", "."))
    except ArithmeticError:
        return value
    if not number.is_finite():
        return value
    return int(number) if number == number.to_integral_value() else float(number)


# ---------------------------------------------------------------- entities


@dataclass
class EntityForm:
    """The inputs of the entity form; `title_label` names a new entity's first field."""

    name: str = ""
    label: str = ""
    plural: str = ""
    title_field: str = ""
    title_label: str = ""
    description: str = ""
    #: The labels in the other languages (language -> text).
    labels: dict[str, str] = field(default_factory=dict)
    plurals: dict[str, str] = field(default_factory=dict)


def entity_from_pairs(pairs: Pairs) -> EntityForm:
    texts = {key: _one(pairs, key) for key in (
        "name", "label", "plural", "title_field", "title_label", "description")}
    return EntityForm(**texts, labels=_other_texts(pairs, "label"),
                      plurals=_other_texts(pairs, "plural"))


def entity_from_definition(entity: Entity, language: str = DEFAULT_LANGUAGE) -> EntityForm:
    label, labels = _split_label(entity.get("label"), language)
    plural, plurals = _split_label(entity.get("plural"), language)
    return EntityForm(
        entity["name"], label, plural,
        str(entity.get("title_field", "")), "", str(entity.get("description", "")),
        labels, plurals,
    )


def to_entity(form: EntityForm, original: Entity | None = None,
              language: str = DEFAULT_LANGUAGE) -> Entity:
    """The entity the form describes. A new entity gets its title field: a required text field
    named as the form says (labelled from `title_label`)."""
    # Built key by key from what was posted; the engine checks it when the draft is planned.
    entity: dict[str, Any] = dict(original) if original else {"fields": []}
    entity["name"] = form.name
    old: Mapping[str, Any] = original or {}
    _put(entity, "label", _joined_label(form.label, form.labels, old.get("label"), language))
    _put(entity, "plural", _joined_label(form.plural, form.plurals, old.get("plural"),
                                         language))
    for key in ("description", "title_field"):
        _put(entity, key, getattr(form, key))
    if original is None and form.title_field:
        title: dict[str, Any] = {"name": form.title_field, "type": "text", "required": True}
        _put(title, "label", form.title_label)
        entity["fields"] = [title]
    return cast(Entity, {"name": entity.pop("name"), **entity})
