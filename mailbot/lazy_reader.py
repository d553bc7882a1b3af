"""The worker's reader, with the language model loaded when the first message is read.

Loading spaCy and the NER model is most of a worker's start-up (about a second). ``mailbot
run --once`` on an inbox with nothing waiting reads no message, so it should not pay for
them; the long-running worker loads them before its first poll (``load``) so the first
reply does not wait for the model.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from parsers.limits import DEFAULT_LIMITS, Limits
from parsers.types import Extraction, ExtractionContext, ParsedEmail

if TYPE_CHECKING:
    from parsers.extraction import Reader


class LazyReader:
    """``parsers.extraction.Reader`` (one message or a batch), built on first use."""

    def __init__(self, context: ExtractionContext, limits: Limits = DEFAULT_LIMITS) -> None:
        self.context = context
        self.limits = limits
        self._reader: Reader | None = None

    def load(self) -> Reader:
        """The reader, importing spaCy and loading the pipeline the first time."""
        if self._reader is None:
            from parsers.extraction import Reader, load_pipeline

            self._reader = Reader(load_pipeline(), self.context, self.limits)
        return self._reader

    def __call__(self, parsed: ParsedEmail) -> Extraction:
        return self.load()(parsed)

    def many(self, parsed: Sequence[ParsedEmail]) -> list[Extraction]:
        return self.load().many(parsed)
