"""The desk's small framework: every route is a page (GET) or an action (POST) that runs
signed in, in one database transaction, with the CSRF token checked on every form.

Routes are declared through ``page`` and ``action`` only, so no route can forget the
sign-in check or the CSRF check; the exceptions (the sign-in form itself, the stylesheet)
are named in ``mailbot.web.app``. The CSRF protection is the synchronizer-token pattern,
written here in a few lines because Starlette has none built in and the third-party
middlewares check a header that plain HTML forms cannot send.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, select_autoescape
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.templating import Jinja2Templates

from db.desk import record_action
from db.models import User
from db.states import DeskActionKind
from mailbot.event import Event
from mailbot.settings import WebSettings
from mailbot.web.auth import current_user
from mailbot.web.formatting import FILTERS, WARNING_CODES

CSRF_FIELD = "csrf_token"
SIGN_IN_PATH = "/logg-inn"


@dataclass(frozen=True)
class Desk:
    """What every request needs, built once by ``mailbot web`` (or a test)."""

    factory: sessionmaker[Session]
    event: Event
    settings: WebSettings
    clock: Callable[[], datetime]


@dataclass
class Ctx:
    """One signed-in request: its form (for actions), its transaction, its account."""

    request: Request
    form: Mapping[str, str]
    db: Session
    user: User
    desk: Desk
    recorded: list[str] = field(default_factory=list)

    def render(self, template: str, status_code: int = 200, **values: Any) -> Response:
        return render(self.request, template, status_code, user=self.user, **values)

    def flash(self, text: str, *, error: bool = False) -> None:
        flash(self.request, text, error=error)

    def not_found(self, what: str) -> Response:
        return self.render("not_found.html", status_code=404, what=what)

    def field(self, name: str) -> str:
        return self.form.get(name, "").strip()

    def record(
        self,
        action: DeskActionKind,
        *,
        registration_id: int | None = None,
        inbound_id: int | None = None,
        outbound_id: int | None = None,
    ) -> None:
        """Every desk action goes into the audit record with the account that did it."""
        record_action(
            self.db,
            account=self.user.email,
            action=action,
            registration_id=registration_id,
            inbound_id=inbound_id,
            outbound_id=outbound_id,
            at=self.desk.clock(),
        )
        self.recorded.append(action)


Handler = Callable[[Ctx], Response]
Endpoint = Callable[[Request], Awaitable[Response]]


@cache
def templates() -> Jinja2Templates:
    return Jinja2Templates(env=_environment())


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("mailbot.web", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(FILTERS)
    env.globals["csrf_token"] = csrf_token
    env.globals["CSRF_FIELD"] = CSRF_FIELD
    env.globals["WARNING_CODES"] = WARNING_CODES
    return env


def render(request: Request, template: str, status_code: int = 200, **values: Any) -> Response:
    desk: Desk = request.app.state.desk
    values.setdefault("user", None)
    values["event"] = desk.event
    values["flash"] = request.session.pop("flash", None)
    return templates().TemplateResponse(request, template, values, status_code=status_code)


def flash(request: Request, text: str, *, error: bool = False) -> None:
    """A short note shown once on the next page. It lives in the (signed, not encrypted)
    cookie, so it says what was done, never to whom."""
    request.session["flash"] = {"text": text, "error": error}


def redirect(url: str) -> Response:
    return RedirectResponse(url, status_code=303)


def csrf_token(request: Request) -> str:
    """The session's CSRF token, created on first use."""
    token = request.session.get("csrf")
    if not isinstance(token, str) or not token:
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


def csrf_ok(request: Request, form: FormData) -> bool:
    expected = request.session.get("csrf")
    given = form.get(CSRF_FIELD)
    return (
        isinstance(expected, str)
        and bool(expected)
        and isinstance(given, str)
        and hmac.compare_digest(expected.encode(), given.encode())
    )


def forbidden_form(request: Request) -> Response:
    return render(request, "forbidden.html", status_code=403)


def sign_in_redirect(request: Request) -> Response:
    target = request.url.path
    if request.method == "GET" and request.url.query:
        target += "?" + request.url.query
    return redirect(f"{SIGN_IN_PATH}?neste={quote(target, safe='')}")


def page(handler: Handler) -> Endpoint:
    """A GET route that shows something: signed in only."""

    async def endpoint(request: Request) -> Response:
        return await run_in_threadpool(_run, handler, request, {})

    return endpoint


def action(handler: Handler) -> Endpoint:
    """A POST route that changes something: signed in, and the form's CSRF token checked
    before anything else is read."""

    async def endpoint(request: Request) -> Response:
        form = await request.form()
        if not csrf_ok(request, form):
            return forbidden_form(request)
        values = {k: v for k, v in form.items() if isinstance(v, str)}
        return await run_in_threadpool(_run, handler, request, values)

    return endpoint


def _run(handler: Handler, request: Request, form: Mapping[str, str]) -> Response:
    desk: Desk = request.app.state.desk
    with desk.factory() as db, db.begin():
        user = current_user(db, request.session)
        if user is None:
            request.session.pop("uid", None)
            return sign_in_redirect(request)
        return handler(Ctx(request, form, db, user, desk))
