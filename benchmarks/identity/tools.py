"""The three matchers under test, each configured from a dataset's schema.

Each ``run_<tool>(dataset)`` returns (predicted pairs, pairs compared). Predicted pairs are
the tool's output at its default decision threshold (match probability 0.5 for the
Fellegi-Sunter tools; the ECM classifier's own decision for recordlinkage).
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass

import pandas as pd
from datasets import Dataset

Pairs = set[tuple[str, str]]


def _pairs_from(kind: str, left: list[str], right: list[str]) -> Pairs:
    if kind == "dedupe":
        return {(a, b) if a < b else (b, a) for a, b in zip(left, right, strict=True)}
    return set(zip(left, right, strict=True))


# -- Caseweave ---------------------------------------------------------------------------


def run_caseweave(dataset: Dataset, workers: int = 2) -> tuple[Pairs, int]:
    from caseweave.people.matching.model import set_workers
    from caseweave.people.matching.resolve import find_duplicates, link
    from caseweave.people.matching.table import RecordTable

    set_workers(workers)
    first = _caseweave_table(dataset.frames[0], dataset)
    if dataset.kind == "link":
        second = _caseweave_table(dataset.frames[1], dataset, vocab=first.vocab)
        result = link(first, second)
    else:
        result = find_duplicates(first)
    assert isinstance(first, RecordTable)
    left = [result.left.record_ids[i] for i in result.pairs.left.tolist()]
    right = [result.right.record_ids[i] for i in result.pairs.right.tolist()]
    return _pairs_from(dataset.kind, left, right), result.candidates


def _caseweave_table(frame: pd.DataFrame, dataset: Dataset, vocab=None):
    """The frame's columns straight into the engine's columnar encoder (as ``caseweave people
    dedupe`` reads a file), each distinct value normalised once."""
    from caseweave.people.matching.dates import PartialDate, parse_partial_date
    from caseweave.people.matching.identifiers import IdentifierType, register_identifier_type
    from caseweave.people.matching.table import RecordTable

    register_identifier_type(
        IdentifierType("febrl_ssid", "FEBRL soc_sec_id", r"\d{1,9}", None, r"\d")
    )
    s = dataset.schema
    roles = {"given": "given_names", "family": "family_names", "other_names": "other_names",
             "dob": "birth_date", "sex": "sex", "phone": "phone", "postcode": "postcode",
             "locality": "locality", "address": "address"}  # fmt: skip
    columns = {field: frame[s[role]].fillna("").tolist()
               for role, field in roles.items() if role in s and s[role] in frame}  # fmt: skip
    if "address" not in s:
        columns["address"] = [" ".join(p for p in parts if p) for parts in zip(
            *(frame[s[k]].fillna("").tolist() for k in ("street_number", "address_1",
                                                         "address_2")), strict=True)]  # fmt: skip
    identifiers = {}
    if dataset.ssid:
        code = "health_card" if dataset.ssid == "health_card" else "febrl_ssid"
        identifiers[code] = frame[dataset.ssid].fillna("").tolist()

    def lenient_date(raw: str) -> PartialDate | None:
        try:
            return parse_partial_date(raw)
        except ValueError:
            return _partial(raw, PartialDate)

    return RecordTable.from_columns(
        frame.index.tolist(), columns, identifiers=identifiers, parse_date=lenient_date,
        vocab=vocab,
    )  # fmt: skip


def _partial(raw: str, PartialDate):
    """FEBRL's corrupted dates (month 13, day 31 in June): keep the parts that are valid."""
    digits = "".join(ch for ch in raw if ch.isdigit())
    if len(digits) < 4:
        return None
    try:
        year = int(digits[:4])
        month = int(digits[4:6]) if len(digits) >= 6 else None
        return PartialDate(year, month if month and 1 <= month <= 12 else None)
    except ValueError:
        return None


# -- Splink ------------------------------------------------------------------------------


# Up to this size (FEBRL's 5,000 and 10,000-row registries) Splink runs as in its own FEBRL
# examples, single-name blocks included. Larger registries get the configuration the Splink
# docs recommend for scale (see _splink_large below).
_SPLINK_SMALL_UP_TO = 20_000
_SPLINK_MEMORY_LIMIT = os.environ.get("SPLINK_MEMORY_LIMIT", "8GB")
# The share of true pairs the deterministic rules (same names and birth date) are taken to
# find, from which Splink estimates the prior; 0.8 as in Splink's examples. On the synthetic
# registries the rule finds 0.31 of them (measured against the truth), so the prior comes
# out about 2.6 times too low; SPLINK_DETERMINISTIC_RECALL=0.31 runs Splink with that value.
_SPLINK_RECALL = float(os.environ.get("SPLINK_DETERMINISTIC_RECALL", "0.8"))


def run_splink(dataset: Dataset) -> tuple[Pairs, int]:
    """Splink 5 on DuckDB (2 threads, memory capped), predictions at match probability 0.5."""
    import duckdb
    from splink import DuckDBAPI, Linker

    clock = _Phases("splink")
    frames = splink_frames(dataset)
    small = sum(len(f) for f in frames) <= _SPLINK_SMALL_UP_TO
    setup = _splink_small(dataset) if small else _splink_large(dataset)
    # Two threads, as in the Splink figures; a memory cap (DuckDB spills to disk
    # beyond it) so a large run cannot exhaust a shared machine.
    connection = duckdb.connect(config={"threads": 2, "memory_limit": _SPLINK_MEMORY_LIMIT})
    db_api = DuckDBAPI(connection=connection)
    linker = Linker([db_api.register(f) for f in frames], setup.settings, log_level=None)
    clock.done("prepared the data")
    linker.training.estimate_probability_two_random_records_match(
        setup.deterministic, recall=setup.deterministic_recall
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=setup.u_pairs, seed=1)
    clock.done("estimated the prior and u")
    for rule in setup.em_rules:
        linker.training.estimate_parameters_using_expectation_maximisation(
            rule, max_pairs=setup.em_pairs
        )
    clock.done("estimated m by EM")
    if small:
        predictions = linker.inference.predict(threshold_match_probability=0.0)
        frame = predictions.as_pandas_dataframe()
        compared = len(frame)
        kept = frame[frame["match_probability"] >= 0.5]
        clock.done("predicted")
    else:  # tens of millions of scored pairs would not fit in a pandas frame: count them
        kept = linker.inference.predict(threshold_match_probability=0.5).as_pandas_dataframe()
        clock.done("predicted")
        compared = splink_comparison_counts(frames, dataset, db_api)[-1][2]
        clock.done("counted the pairs compared (not part of Splink's work)")
    return (
        _pairs_from(dataset.kind, kept["unique_id_l"].astype(str).tolist(),
                    kept["unique_id_r"].astype(str).tolist()),
        compared,
    )  # fmt: skip


class _Phases:
    """Seconds per phase, on stderr (``run.py --one`` shows them; the table does not)."""

    def __init__(self, tool: str) -> None:
        self.tool, self.last = tool, time.perf_counter()

    def done(self, phase: str) -> None:
        now = time.perf_counter()
        print(f"{self.tool}: {phase} in {now - self.last:.1f} s", file=sys.stderr, flush=True)
        self.last = now


def splink_frames(dataset: Dataset) -> list[pd.DataFrame]:
    """The frames as Splink reads them: a ``unique_id`` column, and above
    ``_SPLINK_SMALL_UP_TO`` rows the cleaned columns the large configuration uses."""
    frames = []
    for frame in dataset.frames:
        f = frame.copy()
        f["unique_id"] = f.index.astype(str)
        frames.append(f.reset_index(drop=True))
    if sum(len(f) for f in frames) <= _SPLINK_SMALL_UP_TO:
        return frames
    return [_splink_clean(f, dataset.schema) for f in frames]


def splink_comparison_counts(
    frames: list[pd.DataFrame], dataset: Dataset, db_api=None, sample: float = 1.0
) -> list[tuple[str, int, int]]:
    """(rule, new pairs, cumulative pairs) for each prediction blocking rule, as Splink's
    own ``count_comparisons_from_blocking_rules`` counts them (pairs a rule adds beyond the
    rules before it). ``frames`` as ``run_splink`` registers them (cleaned if large)."""
    import duckdb
    from splink import DuckDBAPI
    from splink.blocking_analysis import count_comparisons_from_blocking_rules

    if db_api is None:
        connection = duckdb.connect(config={"threads": 2, "memory_limit": _SPLINK_MEMORY_LIMIT})
        db_api = DuckDBAPI(connection=connection)
    small = sum(len(f) for f in frames) <= _SPLINK_SMALL_UP_TO
    setup = _splink_small(dataset) if small else _splink_large(dataset)
    rules = setup.settings.blocking_rules_to_generate_predictions
    counts = count_comparisons_from_blocking_rules(
        [db_api.register(f) for f in frames], blocking_rules=rules,
        link_type=setup.settings.link_type, record_sample_proportion=sample,
    )  # fmt: skip
    return [
        (str(c["blocking_rule"]), int(c["marginal_comparison_count"]),
         int(c["cumulative_comparison_count"]))
        for c in counts
    ]  # fmt: skip


@dataclass
class _SplinkSetup:
    settings: object  # splink.SettingsCreator
    deterministic: list[object]  # rules for estimate_probability_two_random_records_match
    deterministic_recall: float
    u_pairs: float  # max_pairs for estimate_u_using_random_sampling
    em_rules: list[object]
    em_pairs: float | None  # max_pairs per EM session (None: every blocked pair)


def _splink_small(dataset: Dataset) -> _SplinkSetup:
    """As in Splink's FEBRL examples: block on names (each alone, both, swapped), birth date
    and postcode; EM on birth date and on postcode."""
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    s = dataset.schema
    given, family, dob = s["given"], s["family"], s["dob"]
    blocking = [
        block_on(given, family),
        f"l.{given} = r.{family} and l.{family} = r.{given}",
        block_on(dob),
        block_on(s["postcode"]),
    ]
    if dataset.kind == "dedupe":
        blocking += [block_on(given), block_on(family)]
    comparisons = [
        cl.NameComparison(given).configure(term_frequency_adjustments=True),
        cl.NameComparison(family).configure(term_frequency_adjustments=True),
        cl.DateOfBirthComparison(dob, input_is_string=True, datetime_format=s["dob_format"],
                                 invalid_dates_as_null=True),
        cl.DamerauLevenshteinAtThresholds(s["postcode"], [1, 2]).configure(
            term_frequency_adjustments=True),
    ]  # fmt: skip
    if "street_number" in s:
        comparisons.append(
            cl.ExactMatch(s["street_number"]).configure(term_frequency_adjustments=True)
        )
    if "address" in s:
        comparisons.append(cl.JaroWinklerAtThresholds(s["address"], [0.9, 0.7]))
    for role in ("phone", "sex"):
        if role in s:
            comparisons.append(cl.ExactMatch(s[role]))
    deterministic = [block_on(given, family, dob)]
    if dataset.ssid:
        blocking.append(block_on(dataset.ssid))
        comparisons.append(cl.DamerauLevenshteinAtThresholds(dataset.ssid, [1, 2]))
        deterministic.append(block_on(dataset.ssid))
    settings = SettingsCreator(
        link_type="link_only" if dataset.kind == "link" else "dedupe_only",
        blocking_rules_to_generate_predictions=blocking,
        comparisons=comparisons,
    )
    return _SplinkSetup(settings, deterministic, 0.8, 1e6, [block_on(dob), block_on(s["postcode"])],
                        None)  # fmt: skip


# Columns _splink_clean derives: names folded to lower-case ASCII (Cyrillic transliterated),
# the phone's last ten digits, the birth year, and month-day of an ISO birth date.
_GIVEN, _FAMILY, _PHONE, _YEAR, _MONTH_DAY = (
    "given_std",
    "family_std",
    "phone_std",
    "birth_year",
    "birth_md",
)


def _splink_clean(frame: pd.DataFrame, schema: dict[str, str]) -> pd.DataFrame:
    """The data preparation Splink's docs ask for before linking ("feature engineering"):
    standardised names and phones, and the date parts the blocking rules use. Each distinct
    value is cleaned once."""
    from unidecode import unidecode

    def fold(value: object) -> object:
        if not isinstance(value, str) or not value.strip():
            return None
        return " ".join(unidecode(value.replace("đ", "dj").replace("Đ", "Dj")).lower().split())

    def digits(value: object) -> object:
        text = "".join(ch for ch in value if ch.isdigit()) if isinstance(value, str) else ""
        return text[-10:] if len(text) >= 7 else None

    def mapped(column: str, clean) -> pd.Series:
        values = frame[column].astype(object)
        table = {v: clean(v) for v in pd.unique(values)}
        return values.map(table)

    out = frame.copy()
    out[_GIVEN] = mapped(schema["given"], fold)
    out[_FAMILY] = mapped(schema["family"], fold)
    if "phone" in schema:
        out[_PHONE] = mapped(schema["phone"], digits)
    dob = frame[schema["dob"]].astype(object)
    iso = dob.where(dob.str.fullmatch(r"\d{4}-\d{2}-\d{2}", na=False))
    out[schema["dob"]] = iso
    out[_YEAR] = dob.where(dob.str.fullmatch(r"\d{4}(-\d{2}-\d{2})?", na=False)).str[:4]
    out[_MONTH_DAY] = iso.str[5:]
    return out.astype(object).where(out.notna(), None)


def _splink_large(dataset: Dataset) -> _SplinkSetup:
    """Splink as its docs recommend for large data: blocking rules each of which pairs few
    records even where names are common (a full name with part of the birth date; a name with
    the birth year or date and the other name's initial; postcode; phone; address with the
    family name), counted with count_comparisons_from_blocking_rules (splink_blocking.py
    prints the counts: 34.7 M at 1,000,000 rows); u from 10 million random pairs; EM on two
    rules that between them train every comparison, on up to 5 million pairs each."""
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    s = dataset.schema
    dob, postcode = s["dob"], s["postcode"]
    blocking = [
        block_on(_GIVEN, _FAMILY, _YEAR),
        block_on(_GIVEN, _FAMILY, _MONTH_DAY),  # a year typo
        f"l.{_GIVEN} = r.{_FAMILY} and l.{_FAMILY} = r.{_GIVEN}",  # names swapped
        block_on(_FAMILY, _YEAR, f"substr({_GIVEN}, 1, 1)"),  # a nickname or a typo
        block_on(_GIVEN, _YEAR, f"substr({_FAMILY}, 1, 1)"),
        block_on(dob, f"substr({_FAMILY}, 1, 1)"),  # both names differ in part
        block_on(dob, f"substr({_GIVEN}, 1, 1)"),  # a married name
        block_on(postcode),  # same home, birth date differs or missing
    ]
    if "phone" in s:
        blocking.append(block_on(_PHONE))
    if "address" in s:
        blocking.append(block_on(s["address"], _FAMILY))
    comparisons = [
        cl.NameComparison(_GIVEN).configure(term_frequency_adjustments=True),
        cl.NameComparison(_FAMILY).configure(term_frequency_adjustments=True),
        cl.DateOfBirthComparison(dob, input_is_string=True, datetime_format=s["dob_format"],
                                 invalid_dates_as_null=True),
        cl.DamerauLevenshteinAtThresholds(postcode, [1, 2]).configure(
            term_frequency_adjustments=True),
    ]  # fmt: skip
    if "address" in s:
        comparisons.append(cl.JaroWinklerAtThresholds(s["address"], [0.9, 0.7]))
    if "phone" in s:
        comparisons.append(cl.ExactMatch(_PHONE))
    if "sex" in s:
        comparisons.append(cl.ExactMatch(s["sex"]))
    deterministic = [block_on(_GIVEN, _FAMILY, dob)]
    if dataset.ssid:
        blocking.append(block_on(dataset.ssid))
        comparisons.append(cl.DamerauLevenshteinAtThresholds(dataset.ssid, [1, 2]))
        deterministic.append(block_on(dataset.ssid))
    settings = SettingsCreator(
        link_type="link_only" if dataset.kind == "link" else "dedupe_only",
        blocking_rules_to_generate_predictions=blocking,
        comparisons=comparisons,
        retain_intermediate_calculation_columns=False,
        retain_matching_columns=False,
    )
    em_rules = [block_on(_GIVEN, _FAMILY, _YEAR), block_on(postcode)]
    return _SplinkSetup(settings, deterministic, _SPLINK_RECALL, 1e7, em_rules, 5e6)


# -- recordlinkage ECM -------------------------------------------------------------------


def run_recordlinkage(dataset: Dataset) -> tuple[Pairs, int]:
    """recordlinkage's unsupervised ECM classifier on binary comparison features."""
    import recordlinkage

    s = dataset.schema
    given, family, dob = s["given"], s["family"], s["dob"]
    indexer = recordlinkage.Index()
    for column in (given, family, dob, s["postcode"]):
        indexer.block(column)
    if dataset.ssid:
        indexer.block(dataset.ssid)
    frames = [f.fillna("") for f in dataset.frames]
    candidates = indexer.index(*frames)
    compare = recordlinkage.Compare()
    compare.string(given, given, method="jarowinkler", threshold=0.85)
    compare.string(family, family, method="jarowinkler", threshold=0.85)
    compare.exact(dob, dob)
    compare.exact(s["postcode"], s["postcode"])
    if "street_number" in s:
        compare.exact(s["street_number"], s["street_number"])
        compare.string(s["address_1"], s["address_1"], threshold=0.85)
    if "address" in s:
        compare.string(s["address"], s["address"], threshold=0.85)
    compare.exact(s["locality"], s["locality"])
    for role in ("phone", "sex"):
        if role in s:
            compare.exact(s[role], s[role])
    if dataset.ssid:
        compare.exact(dataset.ssid, dataset.ssid)
    features = compare.compute(candidates, *frames)
    matches = recordlinkage.ECMClassifier(binarize=0.5).fit_predict(features)
    left = [str(x) for x in matches.get_level_values(0)]
    right = [str(x) for x in matches.get_level_values(1)]
    return _pairs_from(dataset.kind, left, right), len(candidates)


TOOLS = {"caseweave": run_caseweave, "splink": run_splink, "recordlinkage": run_recordlinkage}
