"""Copy the reply-parser test mails of other projects into tests/fixtures/peer/<project>/.

Reads pinned commits of bare git mirrors (``--mirror DIR`` holds ``owner+name/repo``, e.g.
made with ``git clone --mirror``) with ``git show``: no work tree, and nothing but fixture data
and licence files is copied, never code. Attachments of SpamScope/mail-parser's spam samples
that are programs or archives (application/* parts) are replaced by a short placeholder,
and each changed file says so in its first header (Apache-2.0, section 4(b)).

    python scripts/vendor_peer_fixtures.py --mirror /path/to/mirrors
"""

from __future__ import annotations

import argparse
import base64
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGET = REPO / "tests" / "fixtures" / "peer"


@dataclass(frozen=True)
class Project:
    name: str
    repo: str
    commit: str
    folder: str
    licences: tuple[str, ...]
    skip: tuple[str, ...] = ()


PROJECTS = (
    Project(
        "crisp",
        "crisp-oss/email-reply-parser",
        "0b3704c8744d6f57ae1d86d7eab75535c51d2f5c",
        "test/fixtures",
        ("LICENSE",),
    ),
    Project(
        "github",
        "github/email_reply_parser",
        "59e5859cfe826d3cb6069bbbfd8577230c93b3cf",
        "test/emails",
        ("LICENSE",),
    ),
    Project(
        "zapier",
        "zapier/email-reply-parser",
        "f67a872de3c7bebe3bd836afec60ab3f1201e8a6",
        "test/emails",
        ("LICENSE",),
    ),
    Project(
        "mail-parser-reply",
        "alfonsrv/mail-parser-reply",
        "fc44bc880932f81f70a7deaf91c4525b3a6feddb",
        "test/emails",
        ("LICENSE",),
    ),
    Project(
        "talon",
        "mailgun/talon",
        "71d9b6eb78e985bcdfbf99b69c20c001b4b818c4",
        "tests/fixtures",
        ("LICENSE",),
        skip=("__init__.py", ".gitignore"),
    ),
    Project(
        "mail-parser",
        "SpamScope/mail-parser",
        "01c177fecddd9db1def23ba509ab31b12ab4fbc5",
        "tests/mails",
        ("LICENSE.txt", "NOTICE.txt"),
        # An Outlook .msg file (not RFC 5322 mail) with five attachments it cannot be read for.
        skip=("mail_outlook_1",),
    ),
)

BOUNDARY = re.compile(rb'boundary="?([^";\r\n]+)"?', re.IGNORECASE)
ENCODING = re.compile(rb"^content-transfer-encoding:[^\r\n]*", re.IGNORECASE | re.MULTILINE)
PLACEHOLDER = base64.encodebytes(b"[attachment removed by mailbot when vendoring this sample]\n")
CHANGE_NOTICE = (
    b"X-Mailbot-Changed: the payload of each application/* part (a spam sample's archive or "
    b"program) was replaced by a placeholder when this file was copied into mailbot\n"
)


def git_show(mirror: Path, project: Project, path: str) -> bytes:
    return subprocess.run(
        ["git", "-C", str(mirror), "show", f"{project.commit}:{path}"],
        check=True,
        capture_output=True,
    ).stdout


def fixture_paths(mirror: Path, project: Project) -> list[str]:
    listing = subprocess.run(
        ["git", "-C", str(mirror), "ls-tree", "-r", "--name-only", project.commit, project.folder],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return [path for path in listing if Path(path).name not in project.skip]


def split_head(piece: bytes) -> tuple[bytes, bytes, bytes]:
    """(headers, blank line, body) of a MIME part as found between two boundaries."""
    for separator in (b"\r\n\r\n", b"\n\n"):
        head, found, body = piece.partition(separator)
        if found:
            return head, found, body
    return piece, b"", b""


def neutralise(raw: bytes) -> bytes:
    """Replace the body of every application/* MIME part by a placeholder (base64)."""
    boundaries = [re.escape(b"--" + b.strip()) for b in BOUNDARY.findall(raw)]
    if not boundaries:
        return raw
    splitter = re.compile(rb"(^(?:" + b"|".join(boundaries) + rb")(?:--)?[ \t]*\r?$)", re.M)
    pieces = splitter.split(raw)
    changed = False
    for index, piece in enumerate(pieces):
        head, blank, _ = split_head(piece)
        if blank and re.search(rb"^content-type:\s*application/", head, re.I | re.M):
            newline = b"\r\n" if b"\r\n" in blank else b"\n"
            head = ENCODING.sub(b"Content-Transfer-Encoding: base64", head)
            pieces[index] = head + blank + PLACEHOLDER.replace(b"\n", newline)
            changed = True
    return CHANGE_NOTICE + b"".join(pieces) if changed else raw


def vendor(mirrors: Path, project: Project) -> int:
    mirror = mirrors / project.repo.replace("/", "+") / "repo"
    destination = TARGET / project.name
    count = 0
    for path in fixture_paths(mirror, project):
        data = git_show(mirror, project, path)
        if project.name == "mail-parser":
            data = neutralise(data)
        out = destination / "mails" / Path(path).relative_to(project.folder)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
        count += 1
    for licence in project.licences:
        (destination / licence).write_bytes(git_show(mirror, project, licence))
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirror", type=Path, required=True)
    args = parser.parse_args()
    for project in PROJECTS:
        print(f"{project.name}: {vendor(args.mirror, project)} files")


if __name__ == "__main__":
    main()
