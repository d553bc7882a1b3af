"""Memos that live for one message's reading, never longer.

The readers ask the same pure questions of the same line many times while one message is
read (``find_heads`` of a repeated line about 50 times a message). Each pipeline component
runs inside ``one_message`` with a dictionary kept in its ``Doc``'s ``user_data``, so the
components of one message share the answers and the next message starts empty: no answer
is carried from one message to another. Outside a component (a reader called directly)
there is no memo and every call computes.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc

_MEMO: ContextVar[dict[Hashable, Any] | None] = ContextVar("mailbot_memo", default=None)
_MEMO_KEY = "mailbot_memo"


def current() -> dict[Hashable, Any] | None:
    """The memo of the message being read, None outside a component."""
    return _MEMO.get()


@contextmanager
def one_message(doc: Doc) -> Iterator[None]:
    """Answers memoised while this runs belong to ``doc``'s message alone."""
    store = doc.user_data.get(_MEMO_KEY)
    if not isinstance(store, dict):
        store = doc.user_data[_MEMO_KEY] = {}
    token = _MEMO.set(store)
    try:
        yield
    finally:
        _MEMO.reset(token)


class PerMessage:
    """A pipeline component run inside ``one_message`` of each ``Doc``."""

    def __init__(self, component: Callable[[Doc], Doc]) -> None:
        self.component = component

    def __call__(self, doc: Doc) -> Doc:
        with one_message(doc):
            return self.component(doc)
