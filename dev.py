#!/usr/bin/env python3
"""Caseweave's developer entry point: the README's two commands.

    python3 dev.py demo    install everything, start Caseweave with demo data (SQLite)
    python3 dev.py test    install everything, run the whole test suite

Anything after the command is passed on (``python3 dev.py demo --size medium``,
``python3 dev.py test -k consent``). Uses only the standard library, so it runs on a
fresh machine with nothing but Python >= 3.11 (and Debian's python3-venv).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("CASEWEAVE_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
LOCK = ROOT / "requirements.lock"
STAMP = VENV / ".caseweave-installed"


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for path in (LOCK, ROOT / "pyproject.toml"):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def ensure_installed() -> None:
    """Create the virtual environment and install the locked dependencies once."""
    if sys.version_info < (3, 11):
        sys.exit(f"Caseweave needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    if not PYTHON.exists():
        print(f"Creating a virtual environment in {VENV} …", flush=True)
        try:
            venv.EnvBuilder(with_pip=True).create(VENV)
        except (subprocess.CalledProcessError, OSError) as error:
            sys.exit(
                f"Could not create {VENV} ({error}). On Debian/Ubuntu: apt install python3-venv"
            )
    if STAMP.exists() and STAMP.read_text() == _fingerprint():
        return
    print("Installing Caseweave and its locked dependencies …", flush=True)
    pip = [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "-r", str(LOCK)], check=True)  # noqa: S603
    subprocess.run([*pip, "--no-deps", "-e", str(ROOT)], check=True)  # noqa: S603
    STAMP.write_text(_fingerprint())


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in {"demo", "test", "install"}:
        print(__doc__)
        return 2
    command, rest = sys.argv[1], sys.argv[2:]
    ensure_installed()
    os.chdir(ROOT)
    if command == "install":
        return 0
    if command == "demo":
        return subprocess.call([str(BIN / "caseweave"), "demo", *rest])  # noqa: S603
    return subprocess.call([str(PYTHON), "-m", "pytest", *rest])  # noqa: S603


if __name__ == "__main__":
    raise SystemExit(main())
