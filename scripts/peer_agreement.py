"""Own-text agreement with the other projects' reply-parser suites (tests/fixtures/peer/).

Prints a Markdown table: per suite, per language (over crisp, github, zapier and
mail-parser-reply) and over those four together, how many fixtures' own words agree with what
the project's tests expect, over the languages that must pass (nb, nn, da, sv, de, en) and over
all. The README's figures come from here.

    python scripts/peer_agreement.py [--failures]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from parsers.errors import ParseError  # noqa: E402
from parsers.mime import parse  # noqa: E402
from tests.peer_suites import Case, agreement, load_cases, problems, raw_message  # noqa: E402


def check(case: Case) -> list[str]:
    try:
        return problems(case, parse(raw_message(case.path, case.sender)))
    except ParseError as exc:
        return [f"ParseError: {exc}"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failures", action="store_true", help="also list what disagrees")
    args = parser.parse_args()
    cases = load_cases()
    found = {case.id: check(case) for case in cases}
    agrees = {key: not value for key, value in found.items()}
    print("| suite or language | nb, nn, da, sv, de, en | all languages |")
    print("| --- | --- | --- |")
    for row, listed, everything in agreement(cases, agrees):
        print(f"| {row} | {listed} | {everything} |")
    if args.failures:
        for case in cases:
            for problem in found[case.id]:
                print(f"{case.id} [{case.language}]: {problem}")


if __name__ == "__main__":
    main()
