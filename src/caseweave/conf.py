"""Typed readers for environment variables, failing loudly on bad values.

Settings come from the environment (12-factor). A value that cannot be parsed stops
start-up with one line naming the variable, rather than running half-configured.
"""

from __future__ import annotations

import os
from pathlib import Path


class ConfigurationError(Exception):
    """A setting is missing or malformed; the message names the variable to set."""


def env_str(name: str, default: str | None = None) -> str | None:
    """Read NAME, or the contents of the file named by NAME_FILE (for secrets)."""
    file_path = os.environ.get(f"{name}_FILE")
    if file_path:
        try:
            return Path(file_path).read_text(encoding="utf-8").strip()
        except OSError as error:
            raise ConfigurationError(f"{name}_FILE: cannot read {file_path}: {error}") from error
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    lowered = raw.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ConfigurationError(f"{name}={raw!r} is not a boolean; set it to true or false")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as error:
        raise ConfigurationError(f"{name}={raw!r} is not a whole number") from error


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def embedded_secret_key(data_dir: Path) -> str:
    """A generated key stored beside the embedded database, so sessions survive restarts."""
    from django.core.management.utils import get_random_secret_key

    key_file = data_dir / "secret_key"
    if key_file.exists():
        return key_file.read_text(encoding="utf-8").strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    key = get_random_secret_key()
    key_file.write_text(key, encoding="utf-8")
    key_file.chmod(0o600)
    return key
