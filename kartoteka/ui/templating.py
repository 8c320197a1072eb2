"""Jinja2 templates: autoescaped, strings through gettext, one template per page and fragment.

Partials start with `_`; a page includes its partials, and a route gives just the partial when
htmx asks (`HX-Request`, unless htmx is restoring history, which needs the whole page).
Per-entity overrides come first in a fallback list: `list-deal.html`, then `list.html`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

import jinja2
from starlette.requests import Request
from starlette.responses import Response
from starlette.templating import Jinja2Templates

from kartoteka.ui import i18n

#: Headers of every page: no framing, scripts and styles only from this site.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-cache, private",
}


def url_for(request: Request, name: str, /, _query: Any = None, **path_params: Any) -> str:
    """The path of route `name` (under the app's root path), with an optional query string
    (a mapping or a list of pairs)."""
    path = request.scope.get("root_path", "") + _route_path(request.app, name, path_params)
    return f"{path}?{urlencode(_query)}" if _query else path


def _route_path(app: Any, name: str, params: dict[str, Any]) -> str:
    """`app.url_path_for(name, **params)`, remembered per app as a pattern: Starlette tries
    every route in turn to find a name (half the time of a board of 120 cards went there).

    Values go in as Starlette's `str` and `int` path converters put them; one holding a `/`
    (refused by them) is left to Starlette, which says so.
    """
    if any("/" in str(value) for value in params.values()):
        return str(app.url_path_for(name, **params))
    patterns: dict[tuple[Any, ...], list[str | int]] | None = getattr(
        app.state, "route_patterns", None)
    if patterns is None:
        patterns = app.state.route_patterns = {}
    key = (len(app.routes), name, *params)
    pattern = patterns.get(key)
    if pattern is None:
        markers = {param: f"\x00{i}\x00" for i, param in enumerate(params)}
        marked = str(app.url_path_for(name, **markers))
        # "/records/\x000\x00/\x001\x00" -> ["/records/", 0, "/", 1, ""]
        pattern = patterns[key] = [int(part) if i % 2 else part
                                   for i, part in enumerate(marked.split("\x00"))]
    values = list(params.values())
    return "".join(part if isinstance(part, str) else str(values[part]) for part in pattern)


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("kartoteka.ui", "templates"),
        autoescape=True,  # every value is escaped unless the code marks it safe (values.py)
        extensions=["jinja2.ext.i18n"],
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_callables(i18n.gettext, i18n.ngettext, newstyle=True)  # type: ignore[attr-defined]

    @jinja2.pass_context
    def url(context: Mapping[str, Any], name: str, /, _query: Any = None, **params: Any) -> str:
        return url_for(context["request"], name, _query, **params)

    env.globals["url_for"] = url
    env.globals["locale"] = i18n.LOCALE
    # The page's language (`<html lang>`), the request's (platform/i18n.py).
    env.globals["language"] = i18n.language
    env.globals["label"] = i18n.label
    env.globals["message"] = i18n.message  # an engine message (an id) in the page's language
    return env


class Templates:
    """The UI's templates and how a page is answered."""

    def __init__(self) -> None:
        self.env = _environment()
        self._starlette = Jinja2Templates(env=self.env)

    def render(
        self, request: Request, names: Sequence[str], context: Mapping[str, Any],
        status: int = 200, headers: Mapping[str, str] | None = None,
    ) -> Response:
        """The first of `names` that exists, rendered (Starlette keeps template and context
        on the response for tests)."""
        template = self.env.select_template(list(names))
        return self._starlette.TemplateResponse(
            request, str(template.name), dict(context), status_code=status,
            headers={**SECURITY_HEADERS, "Vary": "HX-Request", **(headers or {})},
        )


def wants_fragment(request: Request) -> bool:
    """Whether htmx asks for the part of a page it will swap (not a history restore)."""
    headers = request.headers
    return "hx-request" in headers and "hx-history-restore-request" not in headers


def choices(kind: str, entity: str | None = None) -> list[str]:
    """Template names for a page `kind` ("list", "_records"...), the entity's own first."""
    own = [f"{kind}-{entity}.html"] if entity else []
    return [*own, f"{kind}.html"]
