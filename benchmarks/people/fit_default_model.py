"""Fit the match model shipped as registration ranking's default
(``src/caseweave/people/data/default_match_model.json``).

    .venv/bin/python benchmarks/people/fit_default_model.py [--size 50000]

EM on a generated registry with known duplicates (``benchmarks/identity/synthetic.py``:
the name traditions, nicknames, typos, swapped dates, about 10 % duplicates), because the
demo registry has too few duplicates for EM to learn what a match looks like. Name
frequencies are left out: they belong to the registry the model is used on, and a
registry's own fitted model (saved by duplicate detection) brings them.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks" / "identity"))
OUT = ROOT / "src" / "caseweave" / "people" / "data" / "default_match_model.json"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=50_000)
    options = parser.parse_args()

    import synthetic

    from caseweave.people.matching import MatchModel, PersonRecord

    started = time.perf_counter()
    registry = synthetic.generate(options.size, 0.1, seed=11)
    records = [
        PersonRecord.build(
            row["record_id"],
            given_names=row.get("given_names"),
            family_names=row.get("family_names"),
            other_names=[name for name in row.get("other_names", "").split("|") if name],
            birth_date=row.get("birth_date") or None,
            sex=row.get("sex"),
            phone=row.get("phone"),
            postcode=row.get("postcode"),
            address=row.get("address"),
            locality=row.get("locality"),
        )
        for row in registry.rows
    ]
    model = MatchModel.fit(records)
    data = model.to_dict()
    data["term_frequencies"] = {}
    fitted = MatchModel.from_dict(data)
    fitted.save(OUT)
    print(f"fitted on {len(records)} generated records in {time.perf_counter() - started:.1f} s;"
          f" about {fitted.matches_estimated:.0f} pairs in EM's match class")  # fmt: skip
    for name, field in data["fields"].items():
        print(f"  {name:12} m {[round(v, 3) for v in field['m']]}")
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
