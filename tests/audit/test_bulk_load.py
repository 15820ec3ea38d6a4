"""verify reads case versions without positions: the data and the refusals must not change."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaints.load.safeyaml import LoadError, decode, parse

ROOT = Path(__file__).resolve().parents[2]
TRICKY = [
    "a: &x 1\nb: *x\n", "a: !!str 1\n", "a: !custom 1\n", "a: ! 1\n", "a: 1\na: 2\n",
    "1: one\n", "? [a]\n: b\n", "--- \na: 1\n--- \nb: 2\n", "", "# only a comment\n", "~\n",
    "- a\n- b\n", "plain\n", "a: {b: 1, b: 2}\n", "a: [1, {c: &y d}]\n", "a: 'it''s'\n",
    "a: no\nb: yes\nc: ~\nd: null\ne: TRUE\nf: 0123\ng: 1e3\nh: .5\ni: +1\nj: -.\nk: 1_000\n",
    "a: 2026-01-02T09:00:00+08:00\nb: '2026-01-02'\n", "a: \"x\\ty\"\nb: |\n  keep\n  lines\n",
    "a: [1, 2\n", "a:\n  - b: 1\n    b: 2\n", "null: 1\n", "true: 1\n", "'1': quoted key\n",
    "a: b: c\n", "\ta: tab\n", "a: 1\n...\n", "%YAML 1.2\n---\na: 1\n", "a: @x\n",
]


def outcome(raw: bytes, positions: bool) -> tuple[object, ...]:
    try:
        return ("data", parse(decode(raw), with_positions=positions).data)
    except LoadError as exc:
        return ("refused", exc.code, exc.line, exc.col)


def test_same_on_every_file_and_fixture_in_the_repository() -> None:
    paths = [*ROOT.glob("tests/**/*.yaml"), *ROOT.glob("cases/**/*.yaml"), ROOT / "complaints.yml"]
    assert len(paths) > 50
    refused = 0
    for path in paths:
        raw = path.read_bytes()
        assert outcome(raw, False) == outcome(raw, True), path
        refused += outcome(raw, True)[0] == "refused"
    assert refused >= 5  # the negative fixtures: refused alike either way


@pytest.mark.parametrize("text", TRICKY)
def test_same_on_tricky_yaml(text: str) -> None:
    raw = text.encode()
    assert outcome(raw, False) == outcome(raw, True)


PIECES = ["a", "b", "id", ":", ": ", " ", "  ", "- ", "\n", "{", "}", "[", "]", ",", "&x ", "*x",
          "!t ", "'q'", '"d"', "#c", "1", "no", "~", "---\n", "? ", "|\n", "2026-01-02"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30))
def test_same_on_random_fragments(parts: list[str]) -> None:
    raw = ("id: x\n" + "".join(parts)).encode()
    assert outcome(raw, False) == outcome(raw, True)
