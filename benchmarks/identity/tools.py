"""The three matchers under test, each configured from a dataset's schema.

Each ``run_<tool>(dataset)`` returns (predicted pairs, pairs compared). Predicted pairs are
the tool's output at its default decision threshold (match probability 0.5 for the
Fellegi-Sunter tools; the ECM classifier's own decision for recordlinkage).
"""

from __future__ import annotations

import os

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


# Blocking on one name alone pairs every two people sharing a common first name: fine on
# FEBRL and 10,000 rows, but billions of pairs at a million, so larger registries leave it out.
_SPLINK_SINGLE_NAME_BLOCKS_UP_TO = 100_000
_SPLINK_MEMORY_LIMIT = os.environ.get("SPLINK_MEMORY_LIMIT", "8GB")


def run_splink(dataset: Dataset) -> tuple[Pairs, int]:
    """Splink 4/5 on DuckDB, configured as in Splink's own FEBRL examples."""
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on
    from splink.blocking_analysis import count_comparisons_from_blocking_rules

    s = dataset.schema
    given, family, dob = s["given"], s["family"], s["dob"]
    frames = []
    for frame in dataset.frames:
        f = frame.copy()
        f["unique_id"] = f.index.astype(str)
        frames.append(f.reset_index(drop=True))
    blocking = [
        block_on(given, family),
        f"l.{given} = r.{family} and l.{family} = r.{given}",
        block_on(dob),
        block_on(s["postcode"]),
    ]
    rows = sum(len(f) for f in frames)
    if dataset.kind == "dedupe" and rows <= _SPLINK_SINGLE_NAME_BLOCKS_UP_TO:
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
    # Two threads, as in the Splink figures; a memory cap (DuckDB spills to disk
    # beyond it) so a large run cannot exhaust a shared machine.
    import duckdb

    connection = duckdb.connect(config={"threads": 2, "memory_limit": _SPLINK_MEMORY_LIMIT})
    db_api = DuckDBAPI(connection=connection)
    linker = Linker([db_api.register(f) for f in frames], settings, log_level=None)
    linker.training.estimate_probability_two_random_records_match(deterministic, recall=0.8)
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on(dob))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on(s["postcode"]))
    if rows <= _SPLINK_SINGLE_NAME_BLOCKS_UP_TO:
        predictions = linker.inference.predict(threshold_match_probability=0.0)
        frame = predictions.as_pandas_dataframe()
        compared = len(frame)
        kept = frame[frame["match_probability"] >= 0.5]
    else:  # tens of millions of scored pairs would not fit in a pandas frame: count them
        kept = linker.inference.predict(threshold_match_probability=0.5).as_pandas_dataframe()
        counts = count_comparisons_from_blocking_rules(
            [db_api.register(f) for f in frames],
            blocking_rules=blocking, link_type=settings.link_type, record_sample_proportion=1.0,
        )  # fmt: skip
        compared = int(counts[-1]["cumulative_comparison_count"])
    return (
        _pairs_from(dataset.kind, kept["unique_id_l"].astype(str).tolist(),
                    kept["unique_id_r"].astype(str).tolist()),
        compared,
    )  # fmt: skip


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
