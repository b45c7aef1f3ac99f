"""The review web app (Starlette): server-rendered pages and fragments for htmx, and a small JSON API.

Every page and every answer to a decision is rendered from the session's records with the whole log
replayed, so a merge, a split, a correction or an undo shows at once. Pages: `/meetings`, `/people` (lists,
filters and order in the URL) and `/meetings/ID`, `/people/ID` (the list beside one record).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import jinja2
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from pipeline.review.forms import FormData, decision_fields
from pipeline.review.security import json_depth_within
from pipeline.review.session import KINDS, PLURAL, ListQuery, Refused, ReviewSession

PACKAGE_DIR = Path(__file__).parent
STATIC_DIR = PACKAGE_DIR / "static"
KIND_OF_PATH = {plural: kind for kind, plural in PLURAL.items()}
ROWS_AT_ONCE = 150
HTMX_CONFIG = {
    "includeIndicatorStyles": False, "allowEval": False, "allowScriptTags": False, "historyCacheSize": 0,
    "selfRequestsOnly": True, "defaultSettleDelay": 0, "attributesToSettle": ["class"],
    "responseHandling": [{"code": "204", "swap": False}, {"code": "[23]..", "swap": True},
                         {"code": "4..", "swap": True, "error": False}, {"code": "...", "swap": False, "error": True}],
}


def template_environment() -> jinja2.Environment:
    """Templates of the review pages, autoescaped."""
    env = jinja2.Environment(loader=jinja2.PackageLoader("pipeline.review", "templates"),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    env.globals.update(PLURAL=PLURAL, htmx_config=HTMX_CONFIG, record_href=record_href)
    return env


def record_href(kind: str, record_id: str, export: bool = False, query: ListQuery | None = None) -> str:
    """The link to a record: its page, or its section of the read-only export."""
    if export:
        return f"#{kind}-{record_id}"
    return f"/{PLURAL[kind]}/{quote(record_id, safe='')}{query.string() if query else ''}"


def create_app(session: ReviewSession, token: str) -> Starlette:
    """The Starlette app serving `session`; `token` goes into pages so their writes are accepted."""
    env = template_environment()

    def render(name: str, status: int = 200, headers: dict | None = None, **context: Any) -> HTMLResponse:
        context.setdefault("live", session.writable)
        context.setdefault("token", token if session.writable else None)
        context.setdefault("session", session)
        context.setdefault("flash", None)
        return HTMLResponse(env.get_template(name).render(**context), status_code=status, headers=headers)

    def fragment_only(request: Request) -> bool:
        return "hx-request" in request.headers and "hx-history-restore-request" not in request.headers

    def workspace(request: Request, kind: str, record_id: str | None, query: ListQuery, flash: dict | None = None,
                  status: int = 200, headers: dict | None = None, page: bool | None = None) -> Response:
        rows = session.rows(query)
        record = session.record_view(kind, record_id, query, rows) if record_id else None
        limit = max(ROWS_AT_ONCE, (record.position + ROWS_AT_ONCE // 3) if record else 0)
        template = "app.html" if (fragment_only(request) if page is None else not page) else "page.html"
        return render(template, status, headers, kind=kind, rows=rows, query=query, record=record, flash=flash,
                      progress={k: session.progress(k) for k in KINDS}, limit=limit)

    async def more_rows(request: Request) -> Response:
        kind = KIND_OF_PATH[request.path_params["plural"]]
        query = ListQuery.from_params(kind, request.query_params)
        try:
            start = max(0, int(request.query_params.get("offset", "0")))
        except ValueError:
            start = 0
        return render("rows.html", kind=kind, rows=session.rows(query), query=query, record=None, start=start,
                      limit=start + ROWS_AT_ONCE)

    async def index(request: Request) -> Response:
        return RedirectResponse("/meetings", status_code=303)

    def canonical(request: Request, path: str, query: ListQuery) -> dict:
        """For a page asked for by htmx: the URL to show, without empty or default parameters."""
        return {"HX-Push-Url": path + query.string()} if fragment_only(request) else {}

    async def list_page(request: Request) -> Response:
        kind = KIND_OF_PATH[request.path_params["plural"]]
        query = ListQuery.from_params(kind, request.query_params)
        return workspace(request, kind, None, query, headers=canonical(request, f"/{PLURAL[kind]}", query))

    async def record_page(request: Request) -> Response:
        kind = KIND_OF_PATH[request.path_params["plural"]]
        record_id = request.path_params["record_id"]
        query = ListQuery.from_params(kind, request.query_params)
        current = session.state().resolve(kind, record_id)
        if current is None:
            flash = {"text": f"no {kind} with id {record_id} in this output folder", "kind": "error"}
            return workspace(request, kind, None, query, flash=flash, status=404)
        if current != record_id:
            return RedirectResponse(f"/{PLURAL[kind]}/{current}{query.string()}", status_code=303)
        return workspace(request, kind, record_id, query,
                         headers=canonical(request, f"/{PLURAL[kind]}/{quote(record_id, safe='')}", query))

    async def article_text(request: Request) -> Response:
        kind = request.query_params.get("kind", "")
        if kind not in KINDS:
            return HTMLResponse("", status_code=404)
        html = session.article_html(kind, request.query_params.get("record", ""), request.path_params["article_id"])
        if html is None:
            return HTMLResponse("", status_code=404)
        return render("article_text.html", html=html)

    async def search(request: Request) -> Response:
        kind = KIND_OF_PATH.get(request.path_params["plural"])
        if kind is None:
            return HTMLResponse("", status_code=404)
        params = request.query_params
        purpose = params.get("purpose", "merge")
        found = session.search(kind, params.get("q", ""), exclude=params.get("exclude", ""))
        return render("search_results.html", kind=kind, found=found, purpose=purpose, text=params.get("q", "").strip(),
                      record_id=params.get("exclude", ""))

    async def participant_row(request: Request) -> Response:
        person_id = request.query_params.get("person_id", "")
        person = session.state().records["person"].get(person_id)
        name = person.name if person else request.query_params.get("name", "").strip()
        if not name:
            return HTMLResponse("", status_code=400)
        participant = {"person_id": person.id if person else None, "name": name, "role": "participant",
                       "linked": person is not None, "label": name}
        return render("participant_row.html", participant=participant, index=request.query_params.get("index", "new"))

    async def role_row(request: Request) -> Response:
        return render("role_row.html", role={"title": None, "organization": None, "country": None,
                                             "article_ids": []}, index=request.query_params.get("index", "new"))

    async def decide(request: Request) -> Response:
        kind, record_id, query = _current_view(request)
        try:
            fields = decision_fields(FormData(await request.body()))
            decision = session.decide(fields)
        except Refused as exc:
            return _refused(render, str(exc))
        flash = {"text": _recorded(decision.action, decision.field), "kind": "ok"}
        target_kind, target_id = kind, record_id
        if decision.record_type == kind and decision.record_id == record_id and not decision.field \
                and decision.action in ("accept", "reject"):
            target_id = session.next_unreviewed(kind, record_id, query) or record_id
        if decision.action == "split":
            new_id = f"{decision.record_id}-split-{decision.value}"
            flash = {"text": "split off as a new record", "kind": "ok",
                     "link": (f"/{PLURAL[decision.record_type]}/{new_id}{query.string()}",
                              session.label_of(decision.record_type, new_id))}
        if target_id:
            target_id = session.state().resolve(target_kind, target_id)
        url = f"/{PLURAL[target_kind]}/{target_id}{query.string()}" if target_id else f"/{PLURAL[target_kind]}{query.string()}"
        return workspace(request, target_kind, target_id, query, flash=flash, page=False,
                         headers={"HX-Push-Url": url})

    async def undo(request: Request) -> Response:
        kind, record_id, query = _current_view(request)
        try:
            target = session.undo()
        except Refused as exc:
            return _refused(render, str(exc))
        undone = target.decision
        kind = undone.record_type
        record_id = session.state().resolve(kind, undone.record_id)
        flash = {"text": f"undone: {_recorded(undone.action, undone.field)}", "kind": "ok"}
        url = f"/{PLURAL[kind]}/{record_id}{query.string()}" if record_id else f"/{PLURAL[kind]}{query.string()}"
        return workspace(request, kind, record_id, query, flash=flash, page=False, headers={"HX-Push-Url": url})

    async def api_decide(request: Request) -> Response:
        body = await request.body()
        if not json_depth_within(body):
            return JSONResponse({"error": "JSON nested too deeply"}, status_code=400)
        try:
            payload = json.loads(body or b"null")
        except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):
            return JSONResponse({"error": "body is not JSON"}, status_code=400)
        if not isinstance(payload, dict):
            return JSONResponse({"error": "a decision is a JSON object"}, status_code=400)
        try:
            decision = session.decide(payload)
        except Refused as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
        return JSONResponse({"decision": decision.model_dump(mode="json")}, status_code=201)

    async def api_list(request: Request) -> Response:
        kind = KIND_OF_PATH[request.path_params["plural"]]
        records = session.state().records[kind].values()
        plural = PLURAL[kind]
        return JSONResponse({"count": len(records), plural: [r.model_dump(mode="json") for r in records]})

    async def api_record(request: Request) -> Response:
        kind = KIND_OF_PATH[request.path_params["plural"]]
        record = session.state().records[kind].get(request.path_params["record_id"])
        if record is None:
            return JSONResponse({"error": "not found"}, status_code=404)
        cited = {source.article_id for source in record.sources}
        articles = {a: session.articles[a].model_dump(mode="json") for a in cited if a in session.articles}
        return JSONResponse({"record": record.model_dump(mode="json"), "articles": articles})

    async def api_reviews(request: Request) -> Response:
        state = session.state()
        return JSONResponse({"reviews": [dict(logged.decision.model_dump(mode="json"), line=logged.line)
                                         for logged in state.logged],
                             "unapplied": state.unapplied_lines(), "summary": state.summary().line()})

    plural_paths = "{plural:str}"
    routes = [
        Route("/", index),
        Route("/api/decisions", api_decide, methods=["POST"]),
        Route("/api/reviews", api_reviews),
        Route(f"/api/{plural_paths}", api_list),
        Route(f"/api/{plural_paths}/{{record_id:str}}", api_record),
        Route("/decide", decide, methods=["POST"]),
        Route("/undo", undo, methods=["POST"]),
        Route("/articles/{article_id:str}", article_text),
        Route("/participant-row", participant_row),
        Route("/role-row", role_row),
        Route(f"/search/{plural_paths}", search),
        Route(f"/{plural_paths}/rows", more_rows),
        Mount("/static", StaticFiles(directory=STATIC_DIR), name="static"),
        Route(f"/{plural_paths}", list_page),
        Route(f"/{plural_paths}/{{record_id:str}}", record_page),
    ]
    app = Starlette(routes=routes)
    for name in env.list_templates():
        env.get_template(name)
    for kind in KINDS:
        session.all_rows(kind)

    async def not_found(request: Request, exc: Exception) -> Response:
        return JSONResponse({"error": "not found"}, status_code=404)

    app.add_exception_handler(404, not_found)
    app.add_exception_handler(KeyError, not_found)
    return app


def _current_view(request: Request) -> tuple[str, str | None, ListQuery]:
    """The list kind, open record and list query of the page that sent a request (its `HX-Current-URL`)."""
    url = urlsplit(request.headers.get("hx-current-url", "/meetings"))
    parts = [part for part in url.path.split("/") if part]
    kind = KIND_OF_PATH.get(parts[0], "meeting") if parts else "meeting"
    record_id = parts[1] if len(parts) > 1 else None
    params = {name: values[0] for name, values in parse_qs(url.query).items()}
    return kind, record_id, ListQuery.from_params(kind, params)


def _refused(render: Any, message: str) -> Response:
    return render("flash.html", 400, {"HX-Retarget": "#flash", "HX-Reswap": "outerHTML"},
                  flash={"text": f"not recorded: {message}", "kind": "error"})


def _recorded(action: str, field: str | None) -> str:
    words = {"accept": "accepted", "reject": "rejected", "correct": "corrected", "merge": "merged",
             "split": "split", "undo": "undone"}
    return words.get(action, action) + (f" {field}" if field else "")
