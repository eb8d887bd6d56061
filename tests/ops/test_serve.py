"""``caseweave serve`` answers over real HTTP (waitress) with the request id echoed."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_serve_answers_health_probes_over_http(tmp_path) -> None:
    port = _free_port()
    env = {
        **os.environ,
        "CASEWEAVE_DATA_DIR": str(tmp_path),
        "DEBUG": "true",  # skips collectstatic; the probe needs no static files
        "CASEWEAVE_LOG_FORMAT": "json",
    }
    env.pop("DATABASE_URL", None)
    server = subprocess.Popen(  # noqa: S603  (our own interpreter and command)
        [
            sys.executable,
            "-m",
            "caseweave",
            "serve",
            "--port",
            str(port),
            "--no-worker",
            "--trusted-proxy",
            "127.0.0.1",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/healthz", headers={"X-Request-ID": "probe-12345678"}
        )
        for _ in range(120):
            try:
                with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310  (a local URL)
                    body, headers = json.load(response), response.headers
                break
            except OSError:
                time.sleep(0.5)
        else:
            raise AssertionError("caseweave serve did not answer within 60 s")
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert body == {"status": "ok"}
    assert headers["X-Request-ID"] == "probe-12345678"
    assert headers["Server"] == "Caseweave"
