"""The board: every municipality that wrote, by status, with counts and a search."""

from __future__ import annotations

from starlette.responses import Response

from db.desk import board
from mailbot.invitees import load_invitees, not_answered
from mailbot.web.framework import Ctx


def show(ctx: Ctx) -> Response:
    search = ctx.request.query_params.get("q", "")[:200]
    invited = load_invitees(ctx.desk.event)
    return ctx.render(
        "board.html",
        nav="board",
        board=board(ctx.db, ctx.desk.event.slug, search),
        search=search,
        invited=len(invited),
        waiting=not_answered(ctx.db, ctx.desk.event, invited),
    )
