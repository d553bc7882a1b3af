"""The sign-in form and signing out: the only routes a visitor without a session reaches."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from db.desk import record_action
from db.states import DeskActionKind
from mailbot.web.auth import sign_in, sign_out, start_session
from mailbot.web.framework import (
    Ctx,
    Desk,
    csrf_ok,
    flash,
    forbidden_form,
    redirect,
    render,
)


def safe_next(target: str | None) -> str:
    """Only a path on this site: never an open redirect to another host."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return "/"


async def sign_in_form(request: Request) -> Response:
    return render(request, "sign_in.html", neste=safe_next(request.query_params.get("neste")))


async def sign_in_submit(request: Request) -> Response:
    form = await request.form()
    if not csrf_ok(request, form):
        return forbidden_form(request)
    email, password = str(form.get("email", "")), str(form.get("password", ""))
    target = safe_next(str(form.get("neste", "")))
    desk: Desk = request.app.state.desk

    def check() -> int | None:
        with desk.factory() as db, db.begin():
            result = sign_in(db, email, password, desk.settings, desk.clock())
            if result.user is None:
                return -1 if result.locked else None
            start_session(request.session, result.user)
            record_action(
                db, account=result.user.email, action=DeskActionKind.SIGN_IN, at=desk.clock()
            )
            return result.user.id

    outcome = await run_in_threadpool(check)
    if outcome is None or outcome < 0:
        error = (
            "For mange feil forsøk. Kontoen er låst en stund; prøv igjen senere."
            if outcome == -1
            else "Feil e-postadresse eller passord."
        )
        return render(
            request, "sign_in.html", status_code=401, neste=target, error=error, email=email
        )
    return redirect(target)


def sign_out_action(ctx: Ctx) -> Response:
    ctx.record(DeskActionKind.SIGN_OUT)
    sign_out(ctx.user, ctx.request.session)
    flash(ctx.request, "Du er logget ut.")
    return redirect("/logg-inn")
