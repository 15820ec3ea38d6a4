"""JSON Schema checks: a compiled validator for the fast pass, jsonschema for
the messages. jsonschema-rs answers "valid?" for thousands of files in well
under a second; only the rare invalid file pays for jsonschema's detailed,
reference-quality errors, each mapped to a rule code and a line.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from complaints.base.findings import Finding, finding
from complaints.load.safeyaml import Document

SCHEMA_DIR = Path(__file__).resolve().parents[3] / "schema"
_CODES = {
    "required": "S101", "additionalProperties": "S102", "unevaluatedProperties": "S102",
    "type": "S103", "enum": "S104", "const": "S104", "pattern": "S105", "format": "S105",
    "minLength": "S106", "maxLength": "S106", "minimum": "S106", "maximum": "S106",
    "minItems": "S106", "maxItems": "S106", "minProperties": "S106", "maxProperties": "S106",
}


def schema_dir() -> Path:
    """The schema folder: the repository's own, else the copy shipped in the package."""
    return SCHEMA_DIR if SCHEMA_DIR.is_dir() else Path(__file__).parent / "data"


@cache
def schema(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((schema_dir() / f"{name}.schema.json").read_text("utf-8"))
    return data


@cache
def _fast(name: str) -> Any:
    import jsonschema_rs

    return jsonschema_rs.Draft202012Validator(schema(name), validate_formats=True)


@cache
def _reference(name: str) -> Any:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema(name), format_checker=Draft202012Validator.FORMAT_CHECKER)


def _explain(error: Any) -> tuple[str, tuple[Any, ...], str]:
    """Code, pointer and detail for one jsonschema error."""
    code = _CODES.get(error.validator, "S199")
    pointer = tuple(error.absolute_path)
    where = "/".join(str(p) for p in pointer) or "(top level)"
    if error.validator == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        # point at the unknown key itself, which is where the reader must look
        return code, (*pointer, f"{extra[0]}\0key"), f"{', '.join(extra)} at {where}"
    if error.validator == "required":
        return code, pointer, f"{error.message} at {where}"
    return code, pointer, f"{where}: {error.message}"


def schema_findings(name: str, doc: Document, path: str) -> list[Finding]:
    """All schema violations of a document, in file order."""
    if _fast(name).is_valid(doc.data):
        return []
    out, seen = [], set()
    for error in _reference(name).iter_errors(doc.data):
        code, pointer, detail = _explain(error)
        if (code, pointer) not in seen:  # pattern and format often say the same thing
            seen.add((code, pointer))
            out.append(finding(path, *doc.pos(pointer), code, detail))
    return sorted(out)
