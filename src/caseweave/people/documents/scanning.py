"""The virus-scan hook every uploaded document passes before it is stored.

``CASEWEAVE_DOCUMENT_SCANNER`` names a class (instantiated without arguments) or a
function; either is called with the file's bytes and returns a ``ScanResult``, or raises
``ScannerUnavailable`` when it cannot give an answer. Uploads fail closed: no answer
means no upload.

- ``SignatureScanner`` (default, always available): refuses the EICAR test file, so the
  refusal path can be exercised on any installation. It is not an antivirus.
- ``ClamdScanner``: streams the file to clamd (``INSTREAM``) at ``CASEWEAVE_CLAMD_ADDRESS``,
  ``tcp://host:port`` or ``unix:///path/to/clamd.ctl``. Use it in production.
"""

from __future__ import annotations

import socket
import struct
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class ScanResult:
    clean: bool
    signature: str = ""  # the malware's name when not clean
    scanner: str = ""


class ScannerUnavailable(Exception):
    """The scanner could not give an answer (down, timed out, answered nonsense)."""


class Scanner(Protocol):
    def __call__(self, content: bytes) -> ScanResult: ...


# The EICAR anti-malware test file, assembled so this source file is not itself flagged.
EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


class SignatureScanner:
    """Refuses files containing a known test signature; every other file passes."""

    name = "signature"
    signatures = {EICAR: "Eicar-Test-Signature"}

    def __call__(self, content: bytes) -> ScanResult:
        for pattern, signature in self.signatures.items():
            if pattern in content:
                return ScanResult(clean=False, signature=signature, scanner=self.name)
        return ScanResult(clean=True, scanner=self.name)


class ClamdScanner:
    """clamd's ``zINSTREAM`` protocol: length-prefixed chunks, a zero-length chunk ends."""

    name = "clamd"
    chunk_size = 64 * 1024

    def __init__(self, address: str | None = None, timeout: float = 30.0) -> None:
        self.address = address or settings.CASEWEAVE_CLAMD_ADDRESS
        self.timeout = timeout

    def _connect(self) -> socket.socket:
        parts = urlsplit(self.address)
        if parts.scheme == "unix":
            connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            connection.settimeout(self.timeout)
            connection.connect(parts.path)
            return connection
        if parts.scheme == "tcp" and parts.hostname and parts.port:
            return socket.create_connection((parts.hostname, parts.port), timeout=self.timeout)
        raise ScannerUnavailable(
            f"CASEWEAVE_CLAMD_ADDRESS={self.address!r} is neither tcp://host:port nor unix:///path"
        )

    def __call__(self, content: bytes) -> ScanResult:
        try:
            with self._connect() as connection:
                connection.sendall(b"zINSTREAM\0")
                for start in range(0, len(content), self.chunk_size):
                    chunk = content[start : start + self.chunk_size]
                    connection.sendall(struct.pack("!L", len(chunk)) + chunk)
                connection.sendall(struct.pack("!L", 0))
                reply = _read_reply(connection)
        except OSError as error:
            raise ScannerUnavailable(f"clamd at {self.address} did not answer: {error}") from error
        return _parse_reply(reply, self.name)


def _read_reply(connection: socket.socket) -> str:
    received = b""
    while not received.endswith(b"\0"):
        data = connection.recv(4096)
        if not data:
            break
        received += data
    return received.rstrip(b"\0").decode("utf-8", "replace").strip()


def _parse_reply(reply: str, scanner: str) -> ScanResult:
    # "stream: OK", "stream: Win.Test.EICAR_HDB-1 FOUND", "INSTREAM size limit exceeded. ERROR"
    verdict = reply.split(":", 1)[-1].strip()
    if verdict == "OK":
        return ScanResult(clean=True, scanner=scanner)
    if verdict.endswith(" FOUND"):
        return ScanResult(clean=False, signature=verdict.removesuffix(" FOUND"), scanner=scanner)
    raise ScannerUnavailable(f"clamd answered {reply!r}")


def configured_scanner() -> Callable[[bytes], ScanResult]:
    """The scanner ``CASEWEAVE_DOCUMENT_SCANNER`` names (a class is instantiated)."""
    path = settings.CASEWEAVE_DOCUMENT_SCANNER
    try:
        target = import_string(path)
    except ImportError as error:
        raise ScannerUnavailable(
            f"CASEWEAVE_DOCUMENT_SCANNER={path!r} cannot be imported"
        ) from error
    scanner = target() if isinstance(target, type) else target
    if not callable(scanner):
        raise ScannerUnavailable(f"CASEWEAVE_DOCUMENT_SCANNER={path!r} is not callable")
    return scanner  # type: ignore[no-any-return]  # import_string returns Any
