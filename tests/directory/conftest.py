"""Paths to the upstream HSDS material beside the checkout (``../shared/standards``)."""

from __future__ import annotations

from pathlib import Path

STANDARDS = Path(__file__).resolve().parents[3] / "shared" / "standards"
HSDS = STANDARDS / "hsds"
