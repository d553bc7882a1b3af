"""The review queue: every held or not-understood message beside what mailbot read from it
and why it was unsure, with the organiser's decisions."""

from __future__ import annotations

from collections.abc import Callable

from starlette.responses import Response

from db.desk import failed_messages, inbound_by_id, replies_needing_attention, review_queue
from db.models import InboundMessage
from mailbot import review
from mailbot.review import ReviewError
from mailbot.web.conversation import shown_message
from mailbot.web.framework import Ctx, redirect
from parsers.nlp.municipality import register
from parsers.types import SECTORS


def show(ctx: Ctx) -> Response:
    held = review_queue(ctx.db)
    return ctx.render(
        "review.html",
        nav="review",
        items=[shown_message(m, n, []) for n, m in enumerate(held, start=1)],
        failed=failed_messages(ctx.db),
        replies=replies_needing_attention(ctx.db),
        sectors=SECTORS,
        municipalities=sorted((e.display, e.number) for e in register().values()),
    )


def _decide(
    ctx: Ctx, action: str, done: str, decision: Callable[[InboundMessage], object]
) -> Response:
    message = inbound_by_id(ctx.db, int(ctx.request.path_params["message_id"]))
    if message is None:
        return ctx.not_found("Meldingen")
    try:
        decision(message)
    except ReviewError as error:
        ctx.flash(str(error), error=True)
    else:
        ctx.record(action, registration_id=message.registration_id, inbound_id=message.id)
        ctx.flash(done)
    return redirect("/gjennomgang")


def close(ctx: Ctx) -> Response:
    return _decide(
        ctx,
        "close_without_reply",
        "Meldingen er lukket uten svar.",
        lambda m: review.close_without_reply(m, ctx.desk.clock()),
    )
