#!/usr/bin/env python3
"""Speed and memory of the understanding stage, measured (not asserted in tests).

Reports the pipeline's load time, ``extract`` throughput in mails and words per second on one
core over a folder of .eml files (default: the registration corpus, repeated), the model's
size on disk, and the peak resident memory. Usage:

    OMP_NUM_THREADS=1 python scripts/benchmark.py [DIR] [--rounds N]
"""

from __future__ import annotations

import argparse
import os
import resource
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")


def main() -> None:
    args = _arguments()
    files = sorted(Path(args.folder).glob("*.eml"))
    raws = [f.read_bytes() for f in files]

    started = time.perf_counter()
    from parsers.extraction import extract, load_pipeline
    from parsers.mime import parse
    from parsers.models import ner_model_path

    nlp = load_pipeline()
    load_seconds = time.perf_counter() - started

    words = sum(len(parse(raw).text.split()) for raw in raws) * args.rounds
    started = time.perf_counter()
    for _ in range(args.rounds):
        for raw in raws:
            extract(raw, nlp)
    seconds = time.perf_counter() - started
    mails = len(raws) * args.rounds

    size = sum(f.stat().st_size for f in ner_model_path().rglob("*") if f.is_file())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"pipeline load (incl. imports): {load_seconds:.2f} s")
    print(
        f"extract: {mails} mails in {seconds:.2f} s = {mails / seconds:.1f} mails/s, "
        f"{words / seconds:,.0f} words/s (one core, parse included)"
    )
    print(f"NER model size on disk: {size / 1e6:.1f} MB")
    print(f"peak resident memory: {peak:.0f} MB")


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    default = os.environ.get("MAILBOT_CORPUS", "tests/fixtures/corpus")
    parser.add_argument("folder", nargs="?", default=default)
    parser.add_argument("--rounds", type=int, default=5)
    return parser.parse_args()


if __name__ == "__main__":
    main()
