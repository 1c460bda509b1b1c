"""The brink web app: `create_app(db)` opens a store read-only and serves the JSON API (/api/...,
OpenAPI at /api/openapi.json) and the pages. Everything it needs is in this package: no CDN."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qsl, urlencode

import duckdb
import msgspec
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

import brink
from brink import store
from brink.errors import UserError
from brink.web import api, pages
from brink.web.params import Corpus

STATIC = Path(__file__).parent / "static"


def create_app(db: str | Path, con: duckdb.DuckDBPyConnection | None = None) -> FastAPI:
    """An app over the brink database at `db` (raises UserError when there is none), read
    through `con` when given: `brink watch` passes the connection its ingest rounds write to."""
    con = con or store.connect(db, read_only=True)
    app = FastAPI(title="brink", version=brink.__version__, docs_url=None, redoc_url=None,
                  openapi_url="/api/openapi.json",
                  description="Quotes, coded events and actors found in news, with the evidence. "
                              "Pages and API share the same queries (docs/web.md).")
    app.state.con = con
    app.state.corpus = Corpus(con)
    app.state.db_name = Path(db).name
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(UserError, _user_error)
    app.openapi = _openapi_with_records(app)
    app.add_middleware(_DropEmptyParameters)
    return app


class _DropEmptyParameters:
    """An HTML form sends `since=` for an empty field: treat it as no filter, not as a bad date."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope.get("query_string"):
            pairs = parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True)
            scope = dict(scope, query_string=urlencode([(k, v) for k, v in pairs if v.strip()]).encode("latin-1"))
        await self.app(scope, receive, send)


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api/")


def _error(request: Request, status: int, message: str, details: list | None = None):
    if _wants_html(request):
        return pages.render(request, "error.html", status_code=status, status=status, message=message,
                            details=details or [])
    return JSONResponse({"detail": message, "errors": details or []}, status_code=status)


async def _invalid_request(request: Request, error: RequestValidationError):
    details = [f"{'.'.join(str(part) for part in e['loc'][1:]) or e['loc'][0]}: {e['msg']}" for e in error.errors()]
    return _error(request, 422, "invalid parameters: " + "; ".join(details), details)


async def _http_error(request: Request, error: HTTPException):
    return _error(request, error.status_code, str(error.detail))


async def _user_error(request: Request, error: UserError):
    return _error(request, 422, str(error))


def _openapi_with_records(app: FastAPI):
    """FastAPI's schema plus the msgspec records the API returns, as components."""
    from fastapi.openapi.utils import get_openapi

    def openapi() -> dict:
        if app.openapi_schema is None:
            spec = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
            _, components = msgspec.json.schema_components(api.SCHEMA_TYPES,
                                                           ref_template="#/components/schemas/{name}")
            spec.setdefault("components", {}).setdefault("schemas", {}).update(components)
            app.openapi_schema = spec
        return app.openapi_schema

    return openapi
