"""The review queue: every held or not-understood message beside what mailbot read from it
and why it was unsure, with the organiser's decisions."""

from __future__ import annotations

from collections.abc import Callable

from starlette.responses import Response

from db.desk import (
    answered_questions,
    failed_messages,
    inbound_by_id,
    replies_needing_attention,
    review_queue,
)
from db.inbound import held_for_earlier
from db.models import InboundMessage
from db.states import DeskActionKind, MessageStatus
from mailbot import review
from mailbot.processing import Outcome, Processor
from mailbot.review import ReviewError
from mailbot.web.conversation import shown_message
from mailbot.web.formatting import REPLY_KIND_LABELS, note
from mailbot.web.framework import Ctx, redirect
from mailbot.web.registration import number_of as _number_of
from parsers.mime import parse
from parsers.register import municipality_entries
from parsers.types import SECTORS


def show(ctx: Ctx) -> Response:
    held = review_queue(ctx.db)
    return ctx.render(
        "review.html",
        nav="review",
        items=[shown_message(m, n, []) for n, m in enumerate(held, start=1)],
        failed=failed_messages(ctx.db),
        answered=answered_questions(ctx.db),
        replies=replies_needing_attention(ctx.db),
        sectors=SECTORS,
        municipalities=sorted((e.display, e.number) for e in municipality_entries().values()),
        readings={
            m.id: review.participants_text(review.stored_reading(m, parse(m.raw))) for m in held
        },
        overtaken={
            m.id: withdrawal
            for m in held
            if (withdrawal := review.overtaking_withdrawal(ctx.db, m)) is not None
        },
        overtaken_note=review.OVERTAKEN_NOTE,
        drafts={
            m.id: review.answer_draft_for(m, ctx.desk.event)
            for m in held
            if (m.extraction or {}).get("kind") in review.ANSWERABLE_KINDS
        },
    )


def _decide(
    ctx: Ctx, action: DeskActionKind, done: str, decision: Callable[[InboundMessage], object]
) -> Response:
    message = inbound_by_id(ctx.db, int(ctx.request.path_params["message_id"]))
    if message is None:
        return ctx.not_found("Meldingen")
    waiting = _waiting_behind(ctx)
    try:
        decision(message)
    except ReviewError as error:
        ctx.flash(str(error), error=True)
    else:
        ctx.record(action, registration_id=message.registration_id, inbound_id=message.id)
        ctx.flash(done + _released_text(ctx, waiting))
    return redirect("/gjennomgang")


def _waiting_behind(ctx: Ctx) -> list[InboundMessage]:
    """The messages held because an earlier one waited, before a decision."""
    return held_for_earlier(ctx.db)


def _released_text(ctx: Ctx, before: list[InboundMessage]) -> str:
    """Tell the organiser how many waiting messages the decision let through."""
    released = sum(1 for m in before if m.status == MessageStatus.NEW)
    if not released:
        return ""
    noun = "melding" if released == 1 else "meldinger"
    return (
        f" {released} {noun} som ventet bak den, behandles nå automatisk i den rekkefølgen de kom."
    )


def _outcome_text(outcome: Outcome) -> str:
    if outcome.reply is not None:
        kind = REPLY_KIND_LABELS.get(outcome.reply, "svar")
        return f"Godtatt. Svaret ({kind}) ligger i utboksen og sendes ved neste utsending."
    return f"Godtatt, men uten svar: {note(outcome.note)}"


def _after(
    ctx: Ctx,
    action: DeskActionKind,
    message: InboundMessage,
    outcome: Outcome,
    waiting: list[InboundMessage],
) -> Response:
    ctx.record(action, registration_id=message.registration_id, inbound_id=message.id)
    ctx.flash(_outcome_text(outcome) + _released_text(ctx, waiting))
    if message.registration_id is not None:
        return redirect(f"/registrering/{message.registration_id}#m{message.id}")
    return redirect("/gjennomgang")


def _answering(
    ctx: Ctx, action: DeskActionKind, run: Callable[[InboundMessage], Outcome]
) -> Response:
    message = inbound_by_id(ctx.db, int(ctx.request.path_params["message_id"]))
    if message is None:
        return ctx.not_found("Meldingen")
    waiting = _waiting_behind(ctx)
    try:
        outcome = run(message)
    except ReviewError as error:
        ctx.flash(str(error), error=True)
        return redirect(f"/gjennomgang#m{message.id}")
    return _after(ctx, action, message, outcome, waiting)


def accept(ctx: Ctx) -> Response:
    return _answering(
        ctx,
        DeskActionKind.ACCEPT,
        lambda m: review.accept(ctx.db, m, _processor(ctx), ctx.user.email),
    )


def edit_and_accept(ctx: Ctx) -> Response:
    def run(message: InboundMessage) -> Outcome:
        parsed = parse(message.raw)
        reading = review.edited_reading(
            review.stored_reading(message, parsed),
            kind=ctx.field("kind"),
            municipality_number=_number_of(ctx.field("municipality")),
            participants_text=ctx.form.get("participants", ""),
            removed_text=ctx.form.get("removed", ""),
            event=ctx.desk.event,
        )
        return review.accept(ctx.db, message, _processor(ctx), ctx.user.email, reading)

    return _answering(ctx, DeskActionKind.EDIT_AND_ACCEPT, run)


def ask_for_correction(ctx: Ctx) -> Response:
    return _answering(
        ctx,
        DeskActionKind.CORRECTION_REQUEST,
        lambda m: review.ask_for_correction(
            ctx.db, m, _processor(ctx), ctx.user.email, ctx.form.get("request", "")
        ),
    )


def answer(ctx: Ctx) -> Response:
    """Send the organiser's own answer to a question, in the thread; the message is done."""
    message = inbound_by_id(ctx.db, int(ctx.request.path_params["message_id"]))
    if message is None:
        return ctx.not_found("Meldingen")
    waiting = _waiting_behind(ctx)
    try:
        row = review.answer(
            ctx.db, message, _processor(ctx), ctx.user.email, ctx.form.get("text", "")
        )
    except ReviewError as error:
        ctx.flash(str(error), error=True)
        return redirect(f"/gjennomgang#m{message.id}")
    ctx.record(
        DeskActionKind.ANSWER,
        registration_id=message.registration_id,
        inbound_id=message.id,
        outbound_id=row.id,
    )
    ctx.flash(
        "Svaret ditt ligger i utboksen og sendes i samme tråd ved neste utsending."
        + _released_text(ctx, waiting)
    )
    if message.registration_id is not None:
        return redirect(f"/registrering/{message.registration_id}#r{row.id}")
    return redirect("/gjennomgang")


def _processor(ctx: Ctx) -> Processor:
    return review.desk_processor(ctx.desk.event, ctx.desk.clock)


def attach(ctx: Ctx) -> Response:
    def run(message: InboundMessage) -> None:
        review.attach(
            ctx.db,
            message,
            ctx.desk.event,
            ctx.user.email,
            _number_of(ctx.field("municipality")),
        )

    message = inbound_by_id(ctx.db, int(ctx.request.path_params["message_id"]))
    if message is None:
        return ctx.not_found("Meldingen")
    try:
        run(message)
    except ReviewError as error:
        ctx.flash(str(error), error=True)
    else:
        ctx.record(
            DeskActionKind.ATTACH, registration_id=message.registration_id, inbound_id=message.id
        )
        name = (message.extraction or {}).get("municipality", {}).get("name", "")
        ctx.flash(f"Meldingen er knyttet til {name}. Den venter fortsatt på din beslutning.")
    return redirect(f"/gjennomgang#m{message.id}")


def close(ctx: Ctx) -> Response:
    return _decide(
        ctx,
        DeskActionKind.CLOSE_WITHOUT_REPLY,
        "Meldingen er lukket uten svar.",
        lambda m: review.close_without_reply(ctx.db, m, ctx.desk.clock()),
    )
