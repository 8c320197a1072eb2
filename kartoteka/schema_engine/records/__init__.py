"""Records: writes with the change log, values checked and converted, reads shaped as JSON.

Modules: `writes` (create, read, update with a version check, trash, restore), `values` (checking
and converting values before they are written), `trash` (which records go to the trash together),
`serialize` (records as JSON-ready dicts), `changelog` (the one change log), `bulk` (many rows
into one table fast), `ids` (the one parser of record ids and other whole numbers from text).
"""

from kartoteka.schema_engine.records.changelog import (
    CHANGED,
    CHANGES,
    CREATED,
    DOCUMENT,
    INTERACTIONS,
    RESTORED,
    TRASHED,
    Change,
    LogRow,
    listen,
    log_entry,
    record_changes,
    to_json,
)
from kartoteka.schema_engine.records.ids import MAX_ID, is_id, parse_id
from kartoteka.schema_engine.records.serialize import json_value, reader, reads_driver_rows
from kartoteka.schema_engine.records.trash import Move, Ref, plan_trash
from kartoteka.schema_engine.records.values import OWNER, Defaults, writer
from kartoteka.schema_engine.records.writes import (
    create_record,
    create_records,
    get_record,
    read_record,
    restore_record,
    trash_record,
    update_record,
)

__all__ = [
    "CHANGED",
    "CHANGES",
    "CREATED",
    "DOCUMENT",
    "INTERACTIONS",
    "MAX_ID",
    "OWNER",
    "RESTORED",
    "TRASHED",
    "Change",
    "Defaults",
    "LogRow",
    "Move",
    "Ref",
    "create_record",
    "create_records",
    "get_record",
    "is_id",
    "json_value",
    "listen",
    "log_entry",
    "parse_id",
    "plan_trash",
    "read_record",
    "reader",
    "reads_driver_rows",
    "record_changes",
    "restore_record",
    "to_json",
    "trash_record",
    "update_record",
    "writer",
]
