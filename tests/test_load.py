"""The safe loader: positions, YAML 1.2 scalars, and refusals."""

from __future__ import annotations

import json
import tracemalloc

import pytest

from complaints.load.safeyaml import MAX_BYTES, LoadError, load_bytes, parse
from complaints.load.schemas import schema
from testing.cli import REPO


def test_every_value_has_its_line_and_column() -> None:
    doc = parse("a: 1\nb:\n  - x\n  - {c: d}\n")
    assert doc.positions[("a",)] == (1, 4)
    assert doc.positions[("b", 1, "c")] == (4, 9)
    assert doc.pos(("b", 1, "missing")) == (4, 5)


def test_scalars_follow_yaml_12_and_keep_times_as_text() -> None:
    data = parse('d: 2026-01-01\nt: 2026-01-01T10:00:00+08:00\nn: no\ni: 12\nf: 1.5\nz: ~\nq: "7"\n').data
    assert data == {"d": "2026-01-01", "t": "2026-01-01T10:00:00+08:00", "n": "no",
                    "i": 12, "f": 1.5, "z": None, "q": "7"}


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        ("a: 1\na: 2\n", "Y104", 2),
        ("a: &x 1\nb: *x\n", "Y105", 1),
        ("a: !!binary aGk=\n", "Y106", 1),
        ("", "Y107", 1),
        ("a: 1\n---\nb: 2\n", "Y108", 2),
        ("[1, 2]\n", "Y109", 1),
        ("? [1]\n: 2\n", "Y110", 1),
        ("a: [1\nb: 2\n", "Y103", 2),
    ],
)
def test_refusals_carry_code_and_line(text: str, code: str, line: int) -> None:
    with pytest.raises(LoadError) as info:
        parse(text)
    assert (info.value.code, info.value.line) == (code, line)


def test_bad_utf8_names_the_line() -> None:
    with pytest.raises(LoadError) as info:
        load_bytes(b"a: 1\nb: caf\xe9\n")
    assert (info.value.code, info.value.line, info.value.col) == ("Y101", 2, 7)


def test_size_limit() -> None:
    with pytest.raises(LoadError) as info:
        load_bytes(b"a: " + b"x" * MAX_BYTES)
    assert info.value.code == "Y102"


def test_alias_bomb_is_refused_with_flat_memory() -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    tracemalloc.start()
    with pytest.raises(LoadError) as info:
        parse("\n".join(lines))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert info.value.code == "Y105"
    assert peak < 1_000_000  # a billion laughs would need gigabytes


@pytest.mark.parametrize("name", ["case", "policy"])
def test_schemas_are_valid_draft_2020_12(name: str) -> None:
    from jsonschema import Draft202012Validator

    Draft202012Validator.check_schema(schema(name))


def test_every_case_field_is_documented() -> None:
    """The schema doubles as the reference: every property has a description."""
    def walk(node: object, where: str) -> list[str]:
        missing = []
        if isinstance(node, dict):
            for key, sub in node.get("properties", {}).items():
                if "description" not in sub:
                    missing.append(f"{where}.{key}")
            for key, sub in node.items():
                missing += walk(sub, f"{where}.{key}")
        return missing

    data = json.loads((REPO / "schema" / "case.schema.json").read_text("utf-8"))
    assert walk(data, "case") == []
