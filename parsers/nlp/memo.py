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
from functools import wraps
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

if TYPE_CHECKING:
    from spacy.tokens import Doc

_MEMO: ContextVar[dict[Hashable, Any] | None] = ContextVar("mailbot_memo", default=None)
_MEMO_KEY = "mailbot_memo"
_P = ParamSpec("_P")
_R = TypeVar("_R")
_T = TypeVar("_T")


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


def per_message(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """``function`` memoised in the memo of the message being read (computed as before
    outside a component). Only for pure functions of hashable arguments whose results are
    never changed by the caller (tuples, booleans, None): one answer is handed to every
    caller of that message. Why: the readers ask ``is_person_name`` of the same text about
    four times and ``parse_line`` of the same line about twice per message."""

    name = f"{function.__module__}.{function.__qualname__}"

    @wraps(function)
    def memoised(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        memo = _MEMO.get()
        if memo is None:
            return function(*args, **kwargs)
        key = (name, args, tuple(kwargs.items())) if kwargs else (name, args)
        if key in memo:
            return memo[key]  # type: ignore[no-any-return]
        found = memo[key] = function(*args, **kwargs)
        return found

    return memoised


def per_message_list(function: Callable[_P, list[_T]]) -> Callable[_P, list[_T]]:
    """``per_message`` for a function that returns a list: the memo keeps the answer as a
    tuple and every caller gets a list of its own, so a caller that changes its list
    changes no other caller's. Only for pure functions of hashable arguments whose items
    are immutable (tuples, strings). Why: the readers cut the same text into sentences
    (``prose.sentences``) and find the same name runs (``prose.name_spans``) several
    times a message."""

    name = f"{function.__module__}.{function.__qualname__}"

    @wraps(function)
    def copied(*args: _P.args, **kwargs: _P.kwargs) -> list[_T]:
        memo = _MEMO.get()
        if memo is None:
            return function(*args, **kwargs)
        key = (name, args, tuple(kwargs.items())) if kwargs else (name, args)
        found = memo.get(key)
        if found is None:
            found = memo[key] = tuple(function(*args, **kwargs))
        return list(found)

    return copied
