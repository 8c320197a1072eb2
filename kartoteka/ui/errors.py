"""Errors a page shows in words, with their HTTP status."""

from __future__ import annotations

from kartoteka.schema_engine.errors import KartotekaError


class PageError(KartotekaError):
    """Something a page cannot show; `title` heads the error page, the message explains."""

    def __init__(self, status: int, title: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.title = title
