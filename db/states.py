"""The vocabularies of stored state, each defined once.

They are ``StrEnum``s so that a value is its own database string and compares equal to it;
``db/models.py`` turns each into a ``CHECK`` constraint, so a misspelt state cannot be stored.
It imports only ``parsers.types``, for the message kind: ``parsers`` reads the kind and may
import nothing downstream, so ``MessageKind`` (with its groups) is defined there and re-exported
here. Every package but ``parsers`` may use this module.
"""

from __future__ import annotations

from enum import StrEnum

from parsers.types import MessageKind, ReplyKind

__all__ = [
    "ChangeAction",
    "ChangeActor",
    "ContactSource",
    "DeskActionKind",
    "HoldReason",
    "MessageKind",
    "ORGANISER_KIND",
    "MessageStatus",
    "OutboxStatus",
    "RegistrationStatus",
    "ReplyKind",
    "STATE_COLUMNS",
    "ServiceState",
    "inbound_kinds",
    "values",
]


class MessageStatus(StrEnum):
    """Where an inbound message stands."""

    NEW = "new"
    PROCESSING = "processing"
    PROCESSED = "processed"
    IGNORED = "ignored"
    FAILED = "failed"
    #: Waiting for the organiser: a question, a message not understood, a reading mailbot is
    #: not sure of, or a change from someone who may not make it.
    NEEDS_REVIEW = "needs_review"


class RegistrationStatus(StrEnum):
    OPEN = "open"
    COMPLETE = "complete"
    WITHDRAWN = "withdrawn"


class OutboxStatus(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    #: The send was interrupted after the server may have taken it: never resent on its own.
    UNCERTAIN = "uncertain"


class ContactSource(StrEnum):
    """Why an address may change a registration."""

    #: It sent the message that opened the registration.
    OPENER = "opener"
    #: It wrote from the municipality's own domain, with DMARC passed at our server.
    DOMAIN = "domain"
    #: The organiser added it.
    ORGANISER = "organiser"
    #: A contact's own message had it in To or Cc, and it writes from the municipality's
    #: register domain: the contact brought it into the conversation.
    COPIED = "copied"


class HoldReason(StrEnum):
    """Why a message waits for the organiser instead of being answered automatically."""

    #: The consistency checks doubt the reading (parsers/verdict.py).
    UNSURE = "unsure"
    #: The sender is not one of the registration's contacts.
    NOT_A_CONTACT = "not_a_contact"
    #: The message takes off a person who is not on the list.
    REMOVAL_UNMATCHED = "removal_unmatched"
    #: An earlier message of the same registration or conversation waits for the organiser:
    #: answering this one on the list without it could be wrong.
    EARLIER_HELD = "earlier_held"
    #: An update restates the list but leaves out someone on it without saying they leave:
    #: taken off, or only forgotten in the new list? A person decides.
    LEFT_OUT_UNSAID = "left_out_unsaid"


class ChangeActor(StrEnum):
    """Who caused a change to a registration."""

    #: An automatic pass over a message (``Change.message_id`` names it).
    MESSAGE = "message"
    #: The organiser at the desk (``Change.account`` names who).
    ORGANISER = "organiser"


class ChangeAction(StrEnum):
    """What one change row does to a registration."""

    ADD = "add"
    REMOVE = "remove"
    SET_ROLE = "set_role"
    #: ``name`` is the new name, ``old_name`` the one before.
    RENAME = "rename"
    WITHDRAW = "withdraw"
    REINSTATE = "reinstate"
    ACCEPT_LATE = "accept_late"
    SET_MUNICIPALITY = "set_municipality"
    #: The organiser gives an address the right to change the registration (``name`` holds
    #: the address); the list of participants is not touched.
    ADD_CONTACT = "add_contact"
    REMOVE_CONTACT = "remove_contact"


class DeskActionKind(StrEnum):
    """What an organiser did at the desk (or in ``mailbot review``): the audit record's
    ``action``."""

    SIGN_IN = "sign_in"
    SIGN_OUT = "sign_out"
    EXPORT_CSV = "export_csv"
    EXPORT_XLSX = "export_xlsx"
    NEW_REGISTRATION = "new_registration"
    ADD_PARTICIPANT = "add_participant"
    EDIT_PARTICIPANT = "edit_participant"
    REMOVE_PARTICIPANT = "remove_participant"
    ADD_CONTACT = "add_contact"
    REMOVE_CONTACT = "remove_contact"
    WITHDRAW = "withdraw"
    REINSTATE = "reinstate"
    ACCEPT_LATE = "accept_late"
    MARK_DELIVERED = "mark_delivered"
    SEND_AGAIN = "send_again"
    ATTACH = "attach"
    ACCEPT = "accept"
    EDIT_AND_ACCEPT = "edit_and_accept"
    CORRECTION_REQUEST = "correction_request"
    CLOSE_WITHOUT_REPLY = "close_without_reply"
    #: The organiser wrote an answer to a question and it was queued in the thread.
    ANSWER = "answer"


class ServiceState(StrEnum):
    """What the worker last knew about a server (``ServiceStatus.state``)."""

    OK = "ok"
    #: The server refused the login: shown until the next good one.
    LOGIN_REFUSED = "login_refused"


#: The kind stored for mail from the organiser's own address: kept and shown, never read as a
#: registration (``mailbot/organiser_mail.py``), so not one of the reader's ``MessageKind``s.
ORGANISER_KIND = "organiser"


def values(enum: type[StrEnum]) -> tuple[str, ...]:
    """The stored strings of a state vocabulary, in declaration order."""
    return tuple(member.value for member in enum)


def inbound_kinds() -> tuple[str, ...]:
    """Every kind an inbound message may be stored with."""
    return (*values(MessageKind), ORGANISER_KIND)


#: The state columns and the values each may hold: ``db/models.py`` and the migration that
#: added the constraints build one ``CHECK`` from each entry, ``(table, column, values)``.
STATE_COLUMNS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("inbound_messages", "status", values(MessageStatus)),
    ("inbound_messages", "kind", inbound_kinds()),
    ("registrations", "status", values(RegistrationStatus)),
    ("registration_contacts", "source", values(ContactSource)),
    ("outbound_messages", "kind", values(ReplyKind)),
    ("outbound_messages", "status", values(OutboxStatus)),
    ("changes", "actor", values(ChangeActor)),
    ("changes", "action", values(ChangeAction)),
    ("desk_actions", "action", values(DeskActionKind)),
    ("service_status", "state", values(ServiceState)),
)
