"""The organiser's desk as an ASGI application (Starlette, Jinja2, plain HTML forms).

Every route but the sign-in form and the stylesheet goes through ``framework.page`` or
``framework.action``: signed in, one transaction, CSRF checked on every form.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker
from starlette.applications import Starlette
from starlette.datastructures import MutableHeaders
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from db.models import utcnow
from mailbot.event import Event
from mailbot.settings import WebSettings
from mailbot.web import board, downloads, registration, review_pages
from mailbot.web.framework import Desk, action, page
from mailbot.web.signin import sign_in_form, sign_in_submit, sign_out_action

SESSION_COOKIE = "mailbot_desk"
REG = "/registrering/{registration_id:int}"
OUT = "/svar/{outbound_id:int}"
MSG = "/melding/{message_id:int}"
# Public: the sign-in form and the stylesheet. Everything else needs a signed-in account.
PUBLIC_PATHS = ("/logg-inn", "/static")
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'none'; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


class SecurityHeaders:
    """Pages hold personal data: no caching, no framing, no scripts from anywhere."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def routes() -> list[BaseRoute]:
    return [
        Route("/logg-inn", sign_in_form, methods=["GET"]),
        Route("/logg-inn", sign_in_submit, methods=["POST"]),
        Mount("/static", StaticFiles(packages=[("mailbot.web", "static")]), name="static"),
        Route("/logg-ut", action(sign_out_action), methods=["POST"]),
        Route("/", page(board.show), methods=["GET"]),
        Route("/eksport.csv", page(downloads.csv_file), methods=["GET"]),
        Route("/eksport.xlsx", page(downloads.xlsx_file), methods=["GET"]),
        Route("/ny", page(registration.new_form), methods=["GET"]),
        Route("/ny", action(registration.create), methods=["POST"]),
        Route(f"{REG}", page(registration.show), methods=["GET"]),
        Route(f"{REG}/deltaker", action(registration.add_participant), methods=["POST"]),
        Route(f"{REG}/deltaker/endre", action(registration.edit_participant), methods=["POST"]),
        Route(f"{REG}/deltaker/fjern", action(registration.remove_participant), methods=["POST"]),
        Route(f"{REG}/kontakt", action(registration.add_contact), methods=["POST"]),
        Route(f"{REG}/kontakt/fjern", action(registration.remove_contact), methods=["POST"]),
        Route(f"{REG}/trekk", action(registration.withdraw), methods=["POST"]),
        Route(f"{REG}/gjeninnsett", action(registration.reinstate), methods=["POST"]),
        Route(f"{REG}/godta-sen", action(registration.accept_late), methods=["POST"]),
        Route("/gjennomgang", page(review_pages.show), methods=["GET"]),
        Route(f"{MSG}/knytt", action(review_pages.attach), methods=["POST"]),
        Route(f"{MSG}/lukk", action(review_pages.close), methods=["POST"]),
        Route(f"{MSG}/godta", action(review_pages.accept), methods=["POST"]),
        Route(f"{MSG}/rett-og-godta", action(review_pages.edit_and_accept), methods=["POST"]),
        Route(f"{MSG}/be-om-retting", action(review_pages.ask_for_correction), methods=["POST"]),
        Route(f"{MSG}/svar", action(review_pages.answer), methods=["POST"]),
        Route(f"{OUT}/levert", action(registration.mark_delivered), methods=["POST"]),
        Route(f"{OUT}/send-igjen", action(registration.send_again), methods=["POST"]),
    ]


def create_app(
    factory: sessionmaker[Session],
    event: Event,
    settings: WebSettings,
    clock: Callable[[], datetime] = utcnow,
) -> Starlette:
    if settings.secret_key is None:
        raise ValueError("the desk needs a secret key to sign its session cookies")
    app = Starlette(
        routes=routes(),
        middleware=[
            Middleware(SecurityHeaders),
            Middleware(
                SessionMiddleware,
                secret_key=settings.secret_key.get_secret_value(),
                session_cookie=SESSION_COOKIE,
                max_age=settings.session_hours * 3600,
                same_site="lax",
                https_only=settings.secure_cookies,
            ),
        ],
    )
    app.state.desk = Desk(factory, event, settings, clock)
    return app
