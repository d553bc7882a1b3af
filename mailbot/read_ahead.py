"""Reading a batch of claimed messages before each is stored in a transaction of its own.

Parsing and understanding are pure (bytes in, values out), so a worker that has claimed
several messages reads them all first: the language model runs over the batch at once
(``nlp.pipe``), which costs less per message than one call each. The registry change, rules
and reply of each message then follow in its own transaction, as before, with the reading
handed in instead of made there.

A reader that cannot read in batches (a plain function, as tests inject) makes the worker
claim and read one message at a time. A batch that fails to read is not read ahead at all:
each message is then read inside its own transaction, so a failure is counted against the
message that causes it and no other.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from mailbot.event import Event
from mailbot.organiser_mail import is_from_organiser, is_our_automatic_mail
from parsers.errors import ParseError
from parsers.limits import Limits
from parsers.mime import parse
from parsers.types import Extraction, ParsedEmail

log = logging.getLogger(__name__)

Extractor = Callable[[ParsedEmail], Extraction]


@runtime_checkable
class BatchExtractor(Protocol):
    """An extractor that also reads several messages at once, each as it would alone."""

    def __call__(self, parsed: ParsedEmail) -> Extraction: ...

    def many(self, parsed: Sequence[ParsedEmail]) -> list[Extraction]: ...


@dataclass(frozen=True)
class Reading:
    """One message read ahead: parsed, and understood unless nothing is to be read from it
    (our own mail, the organiser's)."""

    parsed: ParsedEmail
    extraction: Extraction | None


def batch_size(extractor: Extractor, wanted: int) -> int:
    """How many messages to claim at once: ``wanted`` when the extractor reads batches."""
    return wanted if isinstance(extractor, BatchExtractor) else 1


def read_ahead(
    raws: Mapping[int, bytes], extractor: Extractor, event: Event, limits: Limits
) -> dict[int, Reading]:
    """The readings of the messages that parse, by id; {} when the batch cannot be read
    (each message is then read in its own transaction)."""
    if not isinstance(extractor, BatchExtractor) or len(raws) < 2:
        return {}
    try:
        parsed = {}
        for message_id, raw in raws.items():
            try:
                parsed[message_id] = parse(raw, limits=limits)
            except ParseError:
                continue  # processing says why, in the message's own transaction
        wanted = [
            i
            for i, p in parsed.items()
            if not is_our_automatic_mail(p, event) and not is_from_organiser(p, event)
        ]
        extractions = dict(zip(wanted, extractor.many([parsed[i] for i in wanted]), strict=True))
    except Exception as error:  # noqa: BLE001 - each message is then read on its own
        log.warning("reading a batch failed (%s); reading one by one", type(error).__name__)
        return {}
    return {i: Reading(p, extractions.get(i)) for i, p in parsed.items()}
