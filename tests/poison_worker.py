"""A worker process for tests: one processing pass over a Maildir, at a given time.

``python -m tests.poison_worker DATABASE_URL MAILDIR OUTBOX NOW [POISON]``: a message whose
subject contains POISON ends the process on the spot (``os._exit``), as the kernel's
out-of-memory killer or a crash in native code would; the claim it left behind is what the
next run must deal with. NOW (ISO 8601) is the worker's clock, so that a lease runs out when
the test says so.
"""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from mailbot.ingest import ingest
from mailbot.processing import process_pending
from mailbot.sources.maildir import MaildirSource
from parsers.types import Extraction, ParsedEmail
from tests.flow import embedded_app

KILLED = 70


def main(argv: list[str]) -> int:
    url, maildir, outbox, now = argv[:4]
    poison = argv[4] if len(argv) > 4 else None
    app = embedded_app(url, Path(maildir), Path(outbox))
    real = app.processor()

    def extractor(parsed: ParsedEmail) -> Extraction:
        if poison and poison in parsed.subject:
            os._exit(KILLED)
        return real.extractor(parsed)

    at = datetime.fromisoformat(now)
    processor = replace(real, extractor=extractor, clock=lambda: at)
    with MaildirSource(Path(maildir)) as source:
        ingest(source, app.factory)
    stats = process_pending(app.factory, processor)
    print(f"processed {stats.processed} failed {stats.failed}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
