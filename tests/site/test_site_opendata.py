"""Open data files validate against their published schemas and hold no person ids."""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from jsonschema import Draft202012Validator

from testing.site import PROJECT

SCHEMAS = PROJECT / "schema"


def _validator(name: str) -> Draft202012Validator:
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text("utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def test_json_and_csv_match_their_schemas(built_site: Path) -> None:
    data = built_site / "data"
    cases = json.loads((data / "cases.json").read_text("utf-8"))
    assert not list(_validator("opendata-cases").iter_errors(cases))
    assert len(cases["cases"]) == 8
    stats = json.loads((data / "stats.json").read_text("utf-8"))
    assert not list(_validator("opendata-stats").iter_errors(stats))
    rows = list(csv.DictReader((data / "cases.csv").open(encoding="utf-8")))
    row_validator = _validator("opendata-cases-csv")
    for row in rows:
        assert not list(row_validator.iter_errors(row)), row["id"]
    assert [r["id"] for r in rows] == [c["id"] for c in cases["cases"]]
    # the published schemas ship with the site
    assert (data / "schema" / "opendata-cases.schema.json").is_file()


def test_no_complainant_refs_or_staff_ids(built_site: Path) -> None:
    for name in ("cases.json", "cases.csv", "changes-en.atom", "changes-zh.atom"):
        text = (built_site / "data" / name).read_text("utf-8")
        assert not re.search(r"\bR-[0-9A-Z]{6,12}\b", text), name
        assert not re.search(r"\bs-(zhao|qian|sun|li|zhou|wu|zheng|wang)\b", text), name
    pages = (built_site / "en" / "cases" / "C-2025-0001" / "index.html").read_text("utf-8")
    assert "R-7K2Q9A" not in pages and "s-zhou" not in pages


def test_atom_feed_is_valid_and_newest_first(built_site: Path) -> None:
    ns = {"a": "http://www.w3.org/2005/Atom"}
    root = ET.parse(built_site / "data" / "changes-zh.atom").getroot()
    entries = root.findall("a:entry", ns)
    assert len(entries) == sum(len(c["history"]) for c in json.loads(
        (built_site / "data" / "cases.json").read_text("utf-8"))["cases"])
    times = [e.findtext("a:updated", namespaces=ns) for e in entries]
    assert times[0] == "2026-03-16T09:00:00+08:00"
    assert entries[0].findtext("a:title", namespaces=ns) == "C-2026-0003: — → 已收到"
    link = entries[0].find("a:link", ns)
    assert link is not None and link.get("href") == "../zh/cases/C-2026-0003/"
    assert (built_site / "zh" / "cases" / "C-2026-0003" / "index.html").is_file()


def test_csv_cells_cannot_run_as_formulas() -> None:
    from complaints.site.opendata import _cell

    assert _cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert _cell("@SUM") == "'@SUM" and _cell("plain") == "plain" and _cell(None) == ""
