"""The open-data schema of stats.json, written from the definitions so that every
figure's description in it is its one written definition (schema/opendata-stats.schema.json
is this module's output; a test keeps the two equal)."""

from __future__ import annotations

import json
from typing import Any

from complaints.figures.definitions import DEFINITIONS, PERIODS, ROUNDING

INT = {"type": "integer", "minimum": 0}
SHARE = {"$ref": "#/$defs/share"}
NUMBER = {"type": ["number", "null"]}


def _obj(props: dict[str, Any], description: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "object", "additionalProperties": False,
                           "required": list(props), "properties": props}
    return {"description": description, **out} if description else out


def _d(name: str) -> str:
    return DEFINITIONS[name].text("en")


def _counted(name: str) -> dict[str, Any]:
    return {name: {"description": _d(name), **INT}, f"{name}_share": SHARE}


def _group() -> dict[str, Any]:
    counts = {"$ref": "#/$defs/counts"}
    clock = _obj({"met": INT, "missed": INT, "overdue": INT, "on_time_share": SHARE,
                  "median_days": NUMBER, "paused_days": INT})
    return _obj({
        "period": _obj({"name": {"type": "string"}, "start": {"type": "string", "format": "date"},
                        "end": {"type": "string", "format": "date"},
                        "final": {"description": PERIODS["en"], "type": "boolean"}}),
        "received": {"description": _d("received"), **INT},
        "closed": {"description": _d("closed"), **INT},
        "ended_without_decision": _obj({"total": INT, "by_state": counts}, _d("ended_without_decision")),
        "open_at_end": {"description": _d("open_at_end"), **INT},
        **_counted("closed_within_3_working_days"), **_counted("closed_within_deadline"),
        "median_days_to_close": {"description": _d("median_days_to_close"), **NUMBER},
        **_counted("upheld_first"), **_counted("upheld_final"),
        "findings": _obj({"first": counts, "final": counts}, _d("findings")),
        "by_category": {"description": _d("by_category"), **counts},
        "by_channel": {"description": _d("by_channel"), **counts},
        "main_causes": {"description": "The three categories with the most complaints received.",
                        "$ref": "#/$defs/causes"},
        "by_status": {"description": "Every case received by the period's end, by its state then.",
                      **counts},
        "clocks": {"description": _d("clocks"), "type": "object", "additionalProperties": clock},
        "satisfaction": _obj({"answers": INT, "accepted": INT, "accepted_share": SHARE,
                              "scores": counts, "mean_score": NUMBER}, _d("satisfaction")),
        "appeals": _obj({k: INT for k in ("lodged", "revised", "original_upheld", "withdrawn",
                                          "pending")}, _d("appeals")),
        "reopenings": {"description": _d("reopenings"), **INT},
        "actions": _obj({"total": INT, "corrective": INT, "preventive": INT}, _d("actions")),
    })


def stats_schema() -> dict[str, Any]:
    group = {"$ref": "#/$defs/group"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://complaints-as-code.example/schema/opendata-stats.schema.json",
        "title": "Published statistics (stats.json)",
        "description": "Every figure on the site, computed once, each under its written "
                       f"definition (below, and on the site). {ROUNDING['en']} {PERIODS['en']} "
                       "No figure is broken down by staff member.",
        **_obj({
            "as_of": {"description": "The build day.", "type": "string", "format": "date"},
            "year": {"description": "The year of as_of.", "type": "integer"},
            "all": {"description": "Every case from the first received to as_of (provisional).", **group},
            "years": {"description": "Per calendar year (the annual reports).", "type": "object",
                      "propertyNames": {"pattern": "^[0-9]{4}$"}, "additionalProperties": group},
            "periods": {"description": "Per half-year (the published complaint data).",
                        "type": "array", "items": group},
            "by_month": {"description": "Complaints received per month (organization's time zone), "
                                        "gaps filled with 0.", "type": "array",
                         "items": _obj({"month": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"},
                                        "received": INT})},
            "actions": _obj({k: INT for k in ("total", "corrective", "preventive", "open", "done",
                                              "verified")},
                            "Every action on the build day, by kind and current state."),
        }),
        "$defs": {
            "share": {"type": ["number", "null"], "minimum": 0, "maximum": 1},
            "counts": {"type": "object", "additionalProperties": INT},
            "causes": {"type": "array", "items": _obj({"category": {"type": "string"}, "count": INT})},
            "group": _group(),
        },
    }


def stats_schema_text() -> str:
    return json.dumps(stats_schema(), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":
    print(stats_schema_text(), end="")
