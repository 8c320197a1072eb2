"""The OpenAPI paths and schemas of one entity's records, from its fields' types."""

from __future__ import annotations

from typing import Any

from kartoteka.schema_engine.definition import Field
from kartoteka.schema_engine.languages import app_language, label_text
from kartoteka.schema_engine.model import AppModel
from kartoteka.schema_engine.system_columns import SYSTEM, SystemColumn
from kartoteka.schema_engine.types import field_type

MAX_LIMIT = 500
LINK = {"$ref": "#/components/schemas/Link"}
SHARED_SCHEMAS: dict[str, Any] = {
    "Link": {
        "type": "object",
        "description": "A linked record (or user): its id and its title.",
        "properties": {"id": {"type": "integer"}, "title": {"type": ["string", "null"]}},
        "required": ["id", "title"],
    },
}
_MOMENT = {"type": "string", "format": "date-time"}
_SYSTEM_TYPES: dict[str, Any] = {"datetime": _MOMENT, "user": LINK, "integer": {"type": "integer"}}
_SYSTEM_NOTES = {"version": "changes on every write; see ETag", "deleted_at": "set while trashed"}


def _system_read(column: SystemColumn) -> dict[str, Any]:
    schema = _SYSTEM_TYPES[column.type]
    if not column.required:
        schema = {"anyOf": [schema, {"type": "null"}]}
    note = _SYSTEM_NOTES.get(column.name)
    return {**schema, "description": note} if note else dict(schema)


#: The system columns after the fields (the id comes first, before them).
_SYSTEM_READ: dict[str, Any] = {c.name: _system_read(c) for c in SYSTEM if c.name != "id"}
_LIST_PARAMETERS: list[tuple[str, dict[str, Any], str]] = [
    ("q", {"type": "string"}, "text to find in any text field (any case, any accents)"),
    ("sort", {"type": "string"}, "fields to sort by, '-' for descending: -amount,title"),
    ("limit", {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": 50},
     "records per page"),
    ("cursor", {"type": "string"}, "next_cursor of the previous page"),
    ("count", {"type": "boolean"}, "also count every matching record"),
    ("trashed", {"type": "boolean"}, "list the trash instead"),
]


def error_response(description: str) -> dict[str, Any]:
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def _json(schema: dict[str, Any], description: str = "") -> dict[str, Any]:
    return {"description": description or "OK", "content": {"application/json": {"schema": schema}}}


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/components/schemas/{name}"}


# ---------------------------------------------------------------- schemas


def read_schema(f: Field) -> dict[str, Any]:
    """A field's value as records are read: links as {"id", "title"}."""
    kind = field_type(f["type"])
    if not kind.is_reference:  # records and users are read as {"id", "title"}
        return dict(kind.value_schema(f))
    return {"type": "array", "items": LINK} if kind.many else {"anyOf": [LINK, {"type": "null"}]}


def write_schema(f: Field) -> dict[str, Any]:
    """A field's value as records are written: links as ids (or {"id": ...})."""
    kind = field_type(f["type"])
    if not kind.is_reference:  # records and users are written as ids (or {"id": ...})
        return dict(kind.value_schema(f))
    if kind.many:
        return {"anyOf": [{"type": "array", "items": {"anyOf": [{"type": "integer"}, LINK]}},
                          {"type": "null"}]}
    return {"anyOf": [{"type": "integer"}, LINK, {"type": "null"}]}


def _described(schema: dict[str, Any], f: Field, language: str) -> dict[str, Any]:
    label = label_text(f.get("label"), language, language)
    return {**schema, "title": label} if label else schema


def record_schemas(model: AppModel, entity: str) -> dict[str, Any]:
    """`<entity>` (a record as read) and `<entity>_input` (values to write)."""
    fields = model.fields(entity)
    # Labels in the app's default language: the documentation is the same for every caller.
    language = app_language(model.doc)
    read = {"id": {"type": "integer"}}
    read.update({n: _described(read_schema(f), f, language) for n, f in fields.items()})
    read.update(_SYSTEM_READ)
    write = {n: _described(write_schema(f), f, language) for n, f in fields.items()
             if field_type(f["type"]).writable}
    label = label_text(model.entity(entity).get("label"), language, language) or entity
    return {
        entity: {"type": "object", "title": label, "properties": read, "required": list(read)},
        f"{entity}_input": {"type": "object", "title": f"{label} (values to write)",
                            "properties": write},
    }


# ---------------------------------------------------------------- paths


def entity_openapi(model: AppModel, entity: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """(paths, schemas) of one entity's records."""
    language = app_language(model.doc)
    tag = label_text(model.entity(entity).get("plural"), language, language) or entity
    base = f"/api/records/{entity}"
    paths = {
        base: {"get": _list(model, entity), "post": _create(entity)},
        f"{base}/query": {"post": _query(entity)},
        f"{base}/batch": {"post": _batch(entity)},
        f"{base}/{{id}}": {"get": _read(entity), "patch": _update(entity),
                           "delete": _trash(entity)},
        f"{base}/{{id}}/restore": {"post": _restore(entity)},
    }
    for operations in paths.values():
        for operation in operations.values():
            operation["tags"] = [tag]
    return paths, record_schemas(model, entity)


def _page(entity: str) -> dict[str, Any]:
    return {"type": "object", "properties": {
        "items": {"type": "array", "items": _ref(entity)},
        "next_cursor": {"type": ["string", "null"]},
        "count": {"type": ["integer", "null"]},
    }, "required": ["items", "next_cursor", "count"]}


def _list(model: AppModel, entity: str) -> dict[str, Any]:
    parameters = [{"name": n, "in": "query", "schema": s, "description": d}
                  for n, s, d in _LIST_PARAMETERS]
    parameters += [{"name": n, "in": "query", "schema": {"type": "string"},
                    "description": f"records whose {n} equals this; `{n}__gt=` and the other "
                    "operators of its type work too"}
                   for n, f in model.fields(entity).items() if field_type(f["type"]).has_column]
    return {
        "operationId": f"list_{entity}", "summary": f"List {entity} records",
        "parameters": parameters,
        "responses": {"200": _json(_page(entity)),
                      "400": error_response("an unknown field or operator, or a bad value")},
    }


def _create(entity: str) -> dict[str, Any]:
    return {
        "operationId": f"create_{entity}", "summary": f"Create a {entity} record",
        "requestBody": {"required": True,
                        "content": {"application/json": {"schema": _ref(f"{entity}_input")}}},
        "responses": {"201": _json(_ref(entity), "Created"),
                      "422": error_response("invalid values, each with its field")},
    }


def _query(entity: str) -> dict[str, Any]:
    body = {"type": "object", "properties": {
        "filter": {"type": "object", "description": "{field, op, value} or {and|or: [...]} "
                   "or {not: {...}}"},
        "sort": {"type": "array", "items": {"type": "string"}},
        "limit": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT},
        "cursor": {"type": ["string", "null"]},
        "count": {"type": "boolean"},
        "trashed": {"type": "boolean"},
        "q": {"type": "string"},
        "group_by": {"type": "string"},
        "aggregate": {"type": "object", "additionalProperties": {
            "enum": ["sum", "avg", "min", "max"]}},
    }}
    groups = {"type": "object", "properties": {"groups": {"type": "array", "items": {
        "type": "object"}}}}
    return {
        "operationId": f"query_{entity}", "summary": f"Query {entity} records (JSON filters)",
        "requestBody": {"required": True, "content": {"application/json": {"schema": body}}},
        "responses": {"200": _json({"anyOf": [_page(entity), groups]},
                                   "a page of records, or groups with group_by"),
                      "400": error_response("an unknown field or operator, or a bad value")},
    }


def _batch(entity: str) -> dict[str, Any]:
    body = {"type": "object", "required": ["create"], "properties": {"create": {
        "type": "array", "maxItems": 10_000, "items": _ref(f"{entity}_input")}}}
    ids = {"type": "object", "properties": {"ids": {"type": "array",
                                                    "items": {"type": "integer"}}}}
    return {
        "operationId": f"batch_{entity}", "summary": f"Create many {entity} records at once",
        "description": "All or nothing; errors name rows as create[3].field.",
        "requestBody": {"required": True, "content": {"application/json": {"schema": body}}},
        "responses": {"201": _json(ids, "Created, ids in input order"),
                      "422": error_response("invalid rows, each error with its path")},
    }


_ID = {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}
_IF_MATCH = {"name": "If-Match", "in": "header", "required": False,
             "schema": {"type": "string"},
             "description": "the version the change was made on (the ETag): 412 when stale"}
_ETAG = {"ETag": {"schema": {"type": "string"}, "description": "the record's version"}}


def _one(entity: str, verb: str, summary: str, *, if_match: bool = False,
         body: bool = False) -> dict[str, Any]:
    ok = _json(_ref(entity))
    ok["headers"] = _ETAG
    operation: dict[str, Any] = {
        "operationId": f"{verb}_{entity}", "summary": summary,
        "parameters": [_ID, _IF_MATCH] if if_match else [_ID],
        "responses": {"200": ok, "404": error_response("no such record, or it is in the trash")},
    }
    if if_match:
        operation["responses"]["412"] = error_response(
            "the record changed since that version; `record` is how it is now")
    if body:
        operation["requestBody"] = {"required": True, "content": {
            "application/json": {"schema": _ref(f"{entity}_input")}}}
        operation["responses"]["422"] = error_response("invalid values, each with its field")
    return operation


def _read(entity: str) -> dict[str, Any]:
    return _one(entity, "read", f"Read a {entity} record")


def _update(entity: str) -> dict[str, Any]:
    return _one(entity, "update", f"Change some values of a {entity} record",
                if_match=True, body=True)


def _trash(entity: str) -> dict[str, Any]:
    operation = _one(entity, "trash", f"Move a {entity} record to the trash", if_match=True)
    operation["responses"]["409"] = error_response("live records link to it (on_delete: "
                                                   "restrict)")
    return operation


def _restore(entity: str) -> dict[str, Any]:
    return _one(entity, "restore", f"Bring a {entity} record back from the trash")
