"""The hand-written row checks say exactly what jsonschema says about the same flat schema."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from caseweave.directory import hsds
from caseweave.directory.importing.validate import schema_problems

VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=5),
    st.sampled_from(["active", "WEEKLY", "MONTHLY", "MO", "inactive"]),
)


def jsonschema_problems(table: str, data: dict[str, Any]) -> list[str]:
    validator = Draft202012Validator(hsds.tables()[table].flat_schema())
    return [
        f"{'/'.join(str(p) for p in error.absolute_path) or '(record)'}: {error.message}"
        for error in validator.iter_errors(data)
    ]


@given(
    table=st.sampled_from(sorted(hsds.tables())),
    data=st.data(),
)
def test_it_agrees_with_jsonschema_on_any_row(table: str, data: st.DataObject) -> None:
    columns = hsds.tables()[table].columns
    row = data.draw(st.dictionaries(st.sampled_from(columns), VALUES, max_size=len(columns)))
    assert sorted(schema_problems(table, row)) == sorted(jsonschema_problems(table, row))
