"""`/search?q=`: the header's search over every entity (global_search.py).

As you type, htmx asks for the results fragment and shows it under the header's box; without
JavaScript the box is a plain GET form and this page shows the same groups.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from kartoteka.ui.context import Visit, run_page
from kartoteka.ui.pages.search.search import clean_query, search_everything
from kartoteka.ui.templating import wants_fragment

router = APIRouter(include_in_schema=False)


@router.get("/search", name="global_search")
async def global_search(request: Request, q: str = "") -> Response:
    return await run_page(request, _search, q, wants_fragment(request))


def _search(visit: Visit, text: str, fragment: bool) -> Response:
    q = clean_query(text)
    groups = search_everything(visit.conn, visit.session.model, q, visit.card_url,
                               visit.list_url)
    names = ["_search_results.html"] if fragment else ["search.html"]
    return visit.render(names, {"q": q, "groups": groups, "global_q": q})
