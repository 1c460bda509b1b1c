"""Server-rendered pages over the same functions as the API. Templates autoescape everything:
article text and titles are data, never markup."""

from __future__ import annotations

from pathlib import Path as FilePath
from typing import Annotated, Literal
from urllib.parse import urlencode

import jinja2
from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from brink.watch import signals
from brink.store import actor_key
from brink.web import chart, markup, queries
from brink.web.api import dyad_detail
from brink.web.params import CorpusDep, Db, Filters, Origins, PeriodParam, Side, Since, Until

TEMPLATES = FilePath(__file__).parent / "templates"
templates = Jinja2Templates(env=jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True))
router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)
ALERTS_SHOWN = 100  # the newest; the API and `brink alerts` give them all
STANDINGS_SHOWN = 10  # on the home page; /api/standings and `brink dyads` give more


def render(request: Request, name: str, status_code: int = 200, **context) -> HTMLResponse:
    context["db_name"] = request.app.state.db_name
    return templates.TemplateResponse(request, name, context, status_code=status_code)


@router.get("/")
def home(request: Request, con: Db, corpus: CorpusDep, origin: Origins = None):
    found = corpus.watch("week", tuple(origin or ()))
    return render(request, "home.html", stats=queries.stats(con), watch=found, alerts=found.alerts[:5],
                  standings=found.standings[:STANDINGS_SHOWN], dyads=corpus.dyads(None, None, 10),
                  speakers=corpus.speakers(10))


@router.get("/article/{article_id}")
def article(request: Request, con: Db, article_id: str):
    found = queries.article(con, article_id)
    if found is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    record = found.article
    actors = {actor.id: actor for actor in record.actors}
    colours = markup.speaker_colours(record)
    legend = [(actors[s].name if s in actors else "unknown", colour) for s, colour in colours.items()]
    return render(request, "article.html", article=record, pieces=markup.pieces(record), actors=actors,
                  actor_keys={a.id: actor_key(a) for a in record.actors}, legend=legend,
                  duplicate_of=found.duplicate_of)


@router.get("/search")
def search(request: Request, con: Db, filters: Filters,
           kind: Annotated[Literal["quotes", "articles"], Query()] = "quotes",
           page: Annotated[int, Query(ge=1, le=10_000)] = 1):
    result = queries.search(con, filters, kind, page, 20)
    params = {name: value for name, value in request.query_params.items() if name != "page"}

    def page_url(number: int) -> str:
        return "/search?" + urlencode({**params, "page": number})

    def kind_url(other: str) -> str:
        return "/search?" + urlencode({**{k: v for k, v in params.items() if k != "kind"}, "kind": other})

    return render(request, "search.html", result=result, filters=filters, page_url=page_url, kind_url=kind_url)


@router.get("/actor/{key:path}")
def actor(request: Request, con: Db, key: str):
    profile = queries.actor_profile(con, key)
    if profile is None:
        raise HTTPException(404, f"no actor with id {key!r}")
    return render(request, "actor.html", profile=profile)


@router.get("/dyad/{side_a}/{side_b}")
def dyad(request: Request, con: Db, corpus: CorpusDep, side_a: Side, side_b: Side, period: PeriodParam = "week",
         since: Since = None, until: Until = None):
    detail = dyad_detail(con, corpus, side_a, side_b, period, since, until, 200)
    return render(request, "dyad.html", detail=detail, chart=chart.dyad_chart(detail.series, period, detail.alerts))


@router.get("/alerts")
def alerts(request: Request, corpus: CorpusDep, period: PeriodParam = "week", origin: Origins = None):
    found = corpus.watch(period, tuple(origin or ()))
    return render(request, "alerts.html", alerts=found.alerts[:ALERTS_SHOWN], total=len(found.alerts), period=period,
                  gaps=found.gaps, method=signals.__doc__)


@router.get("/about")
def about(request: Request):
    return render(request, "about.html")


@router.get("/api")
def api_index(request: Request):
    spec = request.app.openapi()
    routes = [(path, method.upper(), operation.get("summary", ""), operation.get("description", ""))
              for path, methods in spec["paths"].items() for method, operation in methods.items()]
    return render(request, "api.html", routes=routes)
