"""The app model each request works with, reloaded when the stored schema version changes.

Every request learns the stored version with its token check (one query, see `tokens`), so a
change applied by another process is picked up by this one's next request, and a change applied
here is used by the very next request. Models are built once per version and shared.
"""

from __future__ import annotations

import threading

from sqlalchemy import Connection

from kartoteka.schema_engine.model import AppModel, load_model

#: Versions kept: a request that started just before a change still finds its own.
KEEP = 3


class ModelCache:
    """AppModels by schema version, the newest few."""

    def __init__(self) -> None:
        self._models: dict[int, AppModel] = {}
        self._lock = threading.Lock()

    def has(self, version: int) -> bool:
        """Whether the model of `version` is loaded."""
        return version in self._models

    def get(self, conn: Connection, version: int) -> AppModel:
        """The model of `version`, loaded through `conn` when it is not cached yet."""
        model = self._models.get(version)
        if model is not None:
            return model
        with self._lock:
            model = self._models.get(version)
            if model is None:
                model = self._load(conn)
        return model

    def _load(self, conn: Connection) -> AppModel:
        model = load_model(conn)
        model.metadata  # noqa: B018 -- build the tables here, once, not in some request
        models = {**self._models, model.version: model}
        self._models = {v: models[v] for v in sorted(models)[-KEEP:]}
        return model

    @property
    def latest(self) -> AppModel | None:
        """The newest model loaded so far."""
        models = self._models
        return models[max(models)] if models else None
