"""A registration's page, and the organiser's manual edits on it.

Each edit is a change with the account as actor (``mailbot.edits``) and a line in the
desk's audit record; then back to the page with a short note.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session
from starlette.responses import Response

from db.desk import (
    RegistrationView,
    held_of_registration_or_senders,
    outbound_by_id,
    registration_by_id,
    registration_view,
)
from db.models import InboundMessage, Registration
from db.states import DeskActionKind, RegistrationStatus
from mailbot import edits, review
from mailbot.edits import EditError
from mailbot.web.conversation import conversation, participants
from mailbot.web.framework import Ctx, Handler, redirect
from parsers.register import municipality_entries
from parsers.types import SECTORS


def show(ctx: Ctx) -> Response:
    view = registration_view(ctx.db, int(ctx.request.path_params["registration_id"]))
    if view is None:
        return ctx.not_found("Påmeldingen")
    return ctx.render(
        "registration.html",
        view=view,
        registration=view.registration,
        people=participants(view),
        messages=conversation(view),
        sectors=SECTORS,
        other_replies=view.replies_without_message(),
        answers=view.answers(),
        overtaken=_overtaken(ctx, view),
        overtaken_note=review.OVERTAKEN_NOTE,
    )


def _overtaken(ctx: Ctx, view: RegistrationView) -> list[InboundMessage]:
    """Held sign-ups this registration's confirmed withdrawal overtook (as the review card
    says): accepting one as it stands would re-open the registration."""
    registration = view.registration
    if registration.status != RegistrationStatus.WITHDRAWN:
        return []
    senders = sorted({m.sender for m in view.messages if m.sender})
    return [
        m
        for m in held_of_registration_or_senders(ctx.db, registration.id, senders)
        if (withdrawal := review.overtaking_withdrawal(ctx.db, m)) is not None
        and withdrawal.registration_id == registration.id
    ]


def _attempt(
    ctx: Ctx, action: DeskActionKind, done: str, change: Callable[[], object], **ids: int | None
) -> None:
    """Run one edit: a refused edit flashes its reason; a done one is recorded and said."""
    try:
        change()
    except EditError as error:
        ctx.flash(str(error), error=True)
    else:
        ctx.record(action, **ids)
        ctx.flash(done)


def _edit(
    ctx: Ctx, action: DeskActionKind, done: str, change: Callable[[Registration], object]
) -> Response:
    """Run one edit on the registration named in the path; report the outcome."""
    registration_id = int(ctx.request.path_params["registration_id"])
    registration = registration_by_id(ctx.db, registration_id)
    if registration is None:
        return ctx.not_found("Påmeldingen")
    _attempt(ctx, action, done, lambda: change(registration), registration_id=registration_id)
    return redirect(f"/registrering/{registration_id}")


def add_participant(ctx: Ctx) -> Response:
    return _edit(
        ctx,
        DeskActionKind.ADD_PARTICIPANT,
        "Deltakeren er lagt til.",
        lambda r: edits.add_participant(
            ctx.db,
            r,
            ctx.user.email,
            ctx.field("name"),
            ctx.field("role"),
            ctx.field("sector"),
            ctx.desk.event,
            ctx.desk.clock(),
        ),
    )


def edit_participant(ctx: Ctx) -> Response:
    return _edit(
        ctx,
        DeskActionKind.EDIT_PARTICIPANT,
        "Deltakeren er endret.",
        lambda r: edits.edit_participant(
            ctx.db,
            r,
            ctx.user.email,
            ctx.field("current_name"),
            name=ctx.field("name"),
            role=ctx.field("role"),
            sector=ctx.field("sector"),
            event=ctx.desk.event,
            at=ctx.desk.clock(),
        ),
    )


def remove_participant(ctx: Ctx) -> Response:
    return _edit(
        ctx,
        DeskActionKind.REMOVE_PARTICIPANT,
        "Deltakeren er fjernet.",
        lambda r: edits.remove_participant(
            ctx.db, r, ctx.user.email, ctx.field("name"), ctx.desk.event, ctx.desk.clock()
        ),
    )


def _contact_edit(
    action: DeskActionKind, done: str, edit: Callable[[Session, Registration, str, str], str]
) -> Handler:
    """A handler giving or taking away one address's right to change the registration."""

    def handler(ctx: Ctx) -> Response:
        return _edit(
            ctx, action, done, lambda r: edit(ctx.db, r, ctx.user.email, ctx.field("address"))
        )

    return handler


add_contact = _contact_edit(
    DeskActionKind.ADD_CONTACT, "Kontaktadressen er lagt til.", edits.add_contact_address
)
remove_contact = _contact_edit(
    DeskActionKind.REMOVE_CONTACT, "Kontaktadressen er fjernet.", edits.remove_contact_address
)


def _withdrawal(withdrawn: bool, action: DeskActionKind, done: str) -> Handler:
    """The handler that withdraws the registration or (``withdrawn`` false) reinstates it."""

    def handler(ctx: Ctx) -> Response:
        return _edit(
            ctx,
            action,
            done,
            lambda r: edits.set_withdrawn(
                ctx.db, r, ctx.user.email, withdrawn, ctx.desk.event, ctx.desk.clock()
            ),
        )

    return handler


withdraw = _withdrawal(True, DeskActionKind.WITHDRAW, "Påmeldingen er trukket.")
reinstate = _withdrawal(False, DeskActionKind.REINSTATE, "Påmeldingen er gjeninnsatt.")


def accept_late(ctx: Ctx) -> Response:
    return _edit(
        ctx,
        DeskActionKind.ACCEPT_LATE,
        "Den sene påmeldingen er godtatt.",
        lambda r: edits.accept_late(ctx.db, r, ctx.user.email, ctx.desk.event, ctx.desk.clock()),
    )


def new_form(ctx: Ctx) -> Response:
    return ctx.render("new.html", nav="new", municipalities=_municipalities(), values={})


def create(ctx: Ctx) -> Response:
    try:
        registration = edits.new_registration(
            ctx.db,
            ctx.user.email,
            municipality_number=number_of(ctx.field("municipality")),
            contact=ctx.field("contact"),
            language=ctx.field("language"),
            event=ctx.desk.event,
            at=ctx.desk.clock(),
        )
    except EditError as error:
        return ctx.render(
            "new.html",
            status_code=400,
            nav="new",
            municipalities=_municipalities(),
            values=dict(ctx.form),
            error=str(error),
        )
    ctx.record(DeskActionKind.NEW_REGISTRATION, registration_id=registration.id)
    ctx.flash("Påmeldingen er opprettet. Legg til deltakerne.")
    return redirect(f"/registrering/{registration.id}")


def _municipalities() -> list[tuple[str, str]]:
    entries = municipality_entries().values()
    return sorted(((e.display, e.number) for e in entries), key=lambda pair: pair[0])


def number_of(text: str) -> str:
    """``Bodø (1804)`` or ``1804`` → ``1804``; a bare name is looked up when unique."""
    text = text.strip()
    if text.endswith(")") and "(" in text:
        return text.rsplit("(", 1)[1].rstrip(")").strip()
    if text.isdigit():
        return text
    matches = [
        e.number for e in municipality_entries().values() if e.display.casefold() == text.casefold()
    ]
    return matches[0] if len(matches) == 1 else ""


def _reply_action(
    ctx: Ctx, action: DeskActionKind, change: Callable[..., None], done: str
) -> Response:
    outbound_id = int(ctx.request.path_params["outbound_id"])
    row = outbound_by_id(ctx.db, outbound_id)
    if row is None:
        return ctx.not_found("Svaret")
    _attempt(
        ctx,
        action,
        done,
        lambda: change(row, ctx.desk.clock()),
        registration_id=row.registration_id,
        outbound_id=row.id,
    )
    back = f"/registrering/{row.registration_id}" if row.registration_id else "/"
    return redirect(back)


def mark_delivered(ctx: Ctx) -> Response:
    return _reply_action(
        ctx, DeskActionKind.MARK_DELIVERED, edits.confirm_delivered, "Svaret er merket som levert."
    )


def send_again(ctx: Ctx) -> Response:
    return _reply_action(
        ctx, DeskActionKind.SEND_AGAIN, edits.send_again, "Svaret sendes igjen ved neste utsending."
    )
