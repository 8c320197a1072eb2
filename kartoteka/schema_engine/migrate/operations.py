"""The fixed list of schema operations a plan is made of, with what each one says and does.

Each entry of `OPERATIONS` says whether the operation emits DDL, when it runs within an apply
(`phase`), and how a person reads it. Their execution lives in `executor.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from kartoteka.schema_engine.definition import Entity, Field
from kartoteka.schema_engine.store import TrashItem


@dataclass(frozen=True)
class OperationKind:
    name: str
    ddl: bool
    phase: int
    template: str


_KINDS = (
    OperationKind(
        "trash_field", True, 10, "move field {entity}.{field} to the schema trash, with its data"
    ),
    OperationKind(
        "trash_entity", True, 20, "move entity {entity} to the schema trash, with its records"
    ),
    OperationKind("rename_entity", True, 30, "rename entity {from} to {entity}"),
    OperationKind(
        "restore_entity",
        True,
        40,
        "restore entity {entity} from the schema trash, with its records",
    ),
    OperationKind("create_entity", True, 50, "create entity {entity}"),
    OperationKind("rename_field", True, 60, "rename field {entity}.{from} to {field}"),
    OperationKind(
        "restore_field",
        True,
        70,
        "restore field {entity}.{field} from the schema trash, with its data",
    ),
    OperationKind("add_field", True, 80, "add field {entity}.{field} ({type})"),
    OperationKind(
        "change_link_target", True, 90, "point link {entity}.{field} at {to} instead of {from_to}"
    ),
    OperationKind(
        "change_type", True, 90, "change the type of {entity}.{field} from {from_type} to {to_type}"
    ),
    OperationKind("drop_index", True, 5, "drop the index of {entity}.{field}"),
    OperationKind("drop_composite_index", True, 5, "drop index on {entity} ({fields})"),
    OperationKind("drop_unique", True, 5, "stop requiring unique values in {entity}.{field}"),
    OperationKind("add_unique", True, 100, "require unique values in {entity}.{field}"),
    OperationKind(
        "add_unique_key",
        True,
        100,
        "compare the unique values of {entity}.{field} as people read them: case, spaces and "
        "invisible characters aside (phones by their digits)",
    ),
    OperationKind("add_index", True, 100, "index {entity}.{field}"),
    OperationKind("add_composite_index", True, 100, "add index on {entity} ({fields})"),
    OperationKind(
        "restore_values",
        False,
        110,
        "put back {count} values of {entity}.{field} kept in the schema trash",
    ),
    OperationKind("set_required", False, 120, "require a value in {entity}.{field}"),
    OperationKind("change_options", False, 120, "change the options of {entity}.{field}"),
    OperationKind("update_field", False, 120, "change the settings of {entity}.{field}"),
    OperationKind("reorder_fields", False, 120, "reorder the fields of {entity}"),
    OperationKind("update_entity", False, 120, "change the settings of entity {entity}"),
    OperationKind("reorder_entities", False, 120, "reorder the entities"),
    OperationKind("update_views", False, 120, "change the shared views"),
    OperationKind("update_automations", False, 120, "change the automations"),
    OperationKind("update_documents", False, 120, "change the document templates"),
    OperationKind("update_roles", False, 120, "change the roles"),
)
OPERATIONS: dict[str, OperationKind] = {k.name: k for k in _KINDS}


@dataclass
class Operation:
    """One step of a plan: `entity` and `field` are new names, `from_` the old name of a rename."""

    op: str
    entity: str | None = None
    field: str | None = None
    from_: str | None = None
    extra: dict[str, Any] = dataclass_field(default_factory=dict)
    old_entity: Entity | None = None
    new_entity: Entity | None = None
    old_field: Field | None = None
    new_field: Field | None = None
    trash: TrashItem | None = None
    #: Whether this step changes tables; None: as its kind says (a type change inside one
    #: family of types, such as text -> email, rewrites values but no column).
    emits_ddl: bool | None = None

    @property
    def kind(self) -> OperationKind:
        return OPERATIONS[self.op]

    @property
    def ddl(self) -> bool:
        return self.kind.ddl if self.emits_ddl is None else self.emits_ddl

    def describe(self) -> str:
        values = {"entity": self.entity, "field": self.field, "from": self.from_, **self.extra}
        shown = {k: ", ".join(map(str, v)) if isinstance(v, list) else v for k, v in values.items()}
        return self.kind.template.format_map(_Blank(shown))

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"op": self.op, "entity": self.entity}
        if self.field is not None:
            data["field"] = self.field
        if self.from_ is not None:
            data["from"] = self.from_
        data.update(self.extra)
        data["ddl"] = self.ddl
        data["description"] = self.describe()
        return data


class _Blank(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "?"
