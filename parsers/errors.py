"""Errors of the parse stage.

The worker catches exactly one exception type from parsing, so every failure inside
``parsers.mime.parse`` is turned into :class:`ParseError` with a message a person can act on
(the message itself is kept raw in the inbound store and shown to the organiser).
"""

from __future__ import annotations


class ParseError(ValueError):
    """The raw bytes are not a message we can read (empty, not mail, broken MIME, too big).

    It is the sender's input that is at fault, not our code: callers log it at INFO level,
    mark the message ``failed`` and keep it.
    """
