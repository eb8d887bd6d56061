"""The three matchers under test, each configured from a dataset's schema.

Each ``run_<tool>(dataset)`` returns (predicted pairs, pairs compared). Predicted pairs are
the tool's output at its default decision threshold (match probability 0.5 for the
Fellegi-Sunter tools; the ECM classifier's own decision for recordlinkage).
"""

from __future__ import annotations

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

    set_workers(workers)
    tables = [_caseweave_records(frame, dataset) for frame in dataset.frames]
    if dataset.kind == "link":
        result = link(tables[0], tables[1])
    else:
        result = find_duplicates(tables[0])
    left = [result.left.record_ids[i] for i in result.pairs.left.tolist()]
    right = [result.right.record_ids[i] for i in result.pairs.right.tolist()]
    return _pairs_from(dataset.kind, left, right), result.candidates


def _caseweave_records(frame: pd.DataFrame, dataset: Dataset) -> list:
    from caseweave.people.matching.dates import PartialDate, parse_partial_date
    from caseweave.people.matching.identifiers import IdentifierType, register_identifier_type
    from caseweave.people.matching.records import PersonRecord

    register_identifier_type(
        IdentifierType("febrl_ssid", "FEBRL soc_sec_id", r"\d{1,9}", None, r"\d")
    )
    s = dataset.schema
    columns = {role: frame[col].fillna("").tolist() if col in frame else None
               for role, col in s.items() if role != "dob_format"}  # fmt: skip
    n = len(frame)
    ids = frame.index.tolist()

    blank = [""] * n

    def col(role: str) -> list[str]:
        values = columns.get(role)
        return values if values is not None else blank

    if "address" in s:
        address = col("address")
    else:
        address = [" ".join(p for p in parts if p) for parts in zip(
            col("street_number"), col("address_1"), col("address_2"), strict=True)]  # fmt: skip
    id_code = "health_card" if s.get("ssid") == "health_card" else "febrl_ssid"
    records = []
    rows = zip(
        ids,
        col("given"),
        col("family"),
        col("other_names"),
        col("dob"),
        col("sex"),
        col("phone"),
        col("postcode"),
        address,
        col("locality"),
        col("ssid"),
        strict=True,
    )
    for (record_id, given, family, other, raw_date, sex, phone, postcode, place, locality,
         ssid) in rows:  # fmt: skip
        try:
            birth = parse_partial_date(raw_date)
        except ValueError:
            birth = _partial(raw_date, PartialDate)
        records.append(PersonRecord.build(
            record_id, given_names=given, family_names=family,
            other_names=[x for x in other.split(";") if x], birth_date=birth, sex=sex or None,
            phone=phone or None, postcode=postcode or None, address=place or None,
            locality=locality or None, identifiers={id_code: ssid} if ssid else {},
        ))  # fmt: skip
    return records


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


def run_splink(dataset: Dataset) -> tuple[Pairs, int]:
    """Splink 4/5 on DuckDB, configured as in Splink's own FEBRL examples."""
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

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
    db_api = DuckDBAPI()
    linker = Linker([db_api.register(f) for f in frames], settings, log_level=None)
    linker.training.estimate_probability_two_random_records_match(deterministic, recall=0.8)
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on(dob))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on(s["postcode"]))
    predictions = linker.inference.predict(threshold_match_probability=0.0).as_pandas_dataframe()
    compared = len(predictions)
    kept = predictions[predictions["match_probability"] >= 0.5]
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
