"""Static files: the UI's own CSS under `/static`, front-end packages from npm under `/vendor`.

Front-end packages are installed by `make setup` into `node_modules/` (pinned in
package-lock.json), not copied into the repository; `/vendor/<name>` serves the one file each
page needs from there. An installed wheel has no `node_modules/`: point the `vendor_dir`
setting (or `KARTOTEKA_VENDOR_DIR`) at a folder holding the packages. Without them the pages
still work as plain HTML forms (htmx only makes them quicker).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from fastapi import APIRouter, FastAPI
from starlette.exceptions import HTTPException
from starlette.responses import FileResponse, Response
from starlette.staticfiles import StaticFiles

log = logging.getLogger("kartoteka.ui")

STATIC_DIR = Path(__file__).parent / "static"
VENDOR_ENV = "KARTOTEKA_VENDOR_DIR"
#: The files pages load from npm packages: URL name -> path inside the vendor folder.
VENDOR_FILES = {
    "htmx.min.js": "htmx.org/dist/htmx.min.js",
    # Swagger UI of /docs (kartoteka.api.openapi.SWAGGER_FILES)
    "swagger-ui-bundle.js": "swagger-ui-dist/swagger-ui-bundle.js",
    "swagger-ui.css": "swagger-ui-dist/swagger-ui.css",
    "swagger-favicon.png": "swagger-ui-dist/favicon-32x32.png",
}
#: Assets change only with a new version of the package or its lock file: cache them a day.
CACHE = "public, max-age=86400"


def vendor_dir(configured: str | None) -> Path:
    """The folder of npm packages: the setting, the environment, else the checkout's."""
    chosen = configured or os.environ.get(VENDOR_ENV)
    if chosen:
        return Path(chosen)
    return Path(__file__).resolve().parents[2] / "node_modules"


def install_assets(app: FastAPI, configured_vendor_dir: str | None) -> None:
    """Mount `/static` and add `/vendor/{name}`; say in the log when a package is missing."""
    folder = vendor_dir(configured_vendor_dir)
    for name, inside in VENDOR_FILES.items():
        if not (folder / inside).is_file():
            log.warning("%s is not in %s: pages work without it (as plain forms; /docs "
                        "without Swagger UI); run make setup or set %s", name, folder,
                        VENDOR_ENV)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    router = APIRouter(include_in_schema=False)

    @router.get("/vendor/{name}", name="vendor")
    async def vendor(name: str) -> Response:
        inside = VENDOR_FILES.get(name)
        path = folder / inside if inside else None
        if path is None or not path.is_file():
            raise HTTPException(404)
        return FileResponse(path, headers={"Cache-Control": CACHE})

    app.include_router(router)
