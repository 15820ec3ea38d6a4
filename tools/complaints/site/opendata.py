"""Open data: cases.json, cases.csv, stats.json and Atom feeds of status changes.

Each file is documented by a schema under schema/ (opendata-*.schema.json).
Published records leave out everything a reader does not need and that could
point at a person: the complainant reference, staff ids of subject, actors,
proposer, approver and reviewer. Steps carry the role that takes them instead.
"""

from __future__ import annotations

import csv
import heapq
import io
import json
import re
import xml.etree.ElementTree as ET
from datetime import datetime
from typing import Any

from complaints.figures.compute import appeal_outcome
from complaints.figures.view import Case, Facts
from complaints.load.policy import Policy
from complaints.load.records import entries
from complaints.load.schemas import schema
from complaints.procedure.clock import parse_time

CSV_FIELDS = [
    "id", "title", "language", "received", "channel", "category", "severity", "kind", "status",
    "closed", "days_to_close", "on_time", "first_finding", "finding", "remedies",
    "satisfaction_accepted",
    "satisfaction_score", "appeal_outcome", "summary",
]
FEED_ENTRIES = 500
ATOM = "http://www.w3.org/2005/Atom"


def _role(policy: Policy, step: str) -> str:
    transition = policy.transitions.get(step)
    return transition.role if transition else "intake"


def _keep(data: dict[str, Any] | None, *keys: str) -> dict[str, Any] | None:
    if not data:
        return None
    return {k: data[k] for k in keys if k in data}


def public_case(case: Case, facts: Facts, policy: Policy,
                commits: list[str | None] | None = None) -> dict[str, Any]:
    """One case as published: no person identifiers, steps by role."""
    history = []
    for i, h in enumerate(case["history"]):
        step = {"at": h["at"], "step": h["step"], "from": h.get("from"), "to": h["to"],
                "role": _role(policy, h["step"])}
        if "note" in h:
            step["note"] = h["note"]
        if h.get("imported"):
            step["imported"] = True
        if commits and commits[i]:
            step["commit"] = commits[i]
        history.append(step)
    record: dict[str, Any] = {
        k: case[k] for k in ("id", "title", "language", "received", "channel", "category",
                             "severity", "kind", "summary", "remedy_sought", "status")
        if k in case
    }
    record["closed"] = facts.closed.isoformat() if facts.closed else None
    record["days_to_close"] = facts.days_to_close
    record["on_time"] = facts.on_time
    record["first_finding"], record["finding"] = facts.first_finding, facts.finding
    record["history"] = history
    record["clocks"] = [
        {"name": c.name, "due": c.due.isoformat(), "outcome": c.outcome,
         "stopped": c.stopped.isoformat() if c.stopped else None} for c in facts.all_clocks
    ]
    optional = {
        "decline": _keep(case.get("decline"), "ground", "duplicate_of"),
        "referral": _keep(case.get("referral"), "body", "reference"),
    }
    record.update({k: v for k, v in optional.items() if v})
    for key, fields in PUBLIC_RECORDS.items():
        kept = [_keep(e, *fields) or {} for e in entries(case, key)]
        if key == "appeals":
            kept = [{**e, "outcome": appeal_outcome(case, i, policy)} for i, e in enumerate(kept)]
        if kept:
            record[key] = kept
    if case.get("actions"):
        record["actions"] = [{**(_keep(a, "id", "kind", "description", "due", "state") or {}),
                              **({"owner": public_owner(a)} if public_owner(a) else {})}
                             for a in case["actions"]]
    return record


# Each record list as published: no staff ids (proposer, approver, reviewer).
PUBLIC_RECORDS = {
    "decisions": ("finding", "remedies", "rationale", "proposed", "sent_back", "decided"),
    "responses": ("sent", "channel", "summary"),
    "satisfaction": ("accepted", "score", "answered"),
    "appeals": ("lodged", "grounds", "outcome", "reviewed"),
}


def public_owner(action: dict[str, Any]) -> str | None:
    """An action's owner when it is a unit; a staff id is never published."""
    owner = action.get("owner")
    if not isinstance(owner, str) or _STAFF_ID.fullmatch(owner):
        return None
    return owner


_STAFF_ID = re.compile(schema("case")["$defs"]["staff_id"]["pattern"].strip("^$"))


def json_line(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def cases_json(lines: list[str], as_of: str, policy: Policy) -> str:
    """One case per line (json_line of each record): diffs stay per case, and json's C
    encoder does the work (an indented dump runs the pure-Python encoder, seconds for
    10,000 cases)."""
    head = json.dumps({"as_of": as_of, "organization": policy.name}, ensure_ascii=False)
    body = ",\n".join(lines)
    return f'{head[:-1]}, "cases": [\n{body}\n]}}\n'


def latest_changes(cases: list[Case], n: int) -> list[tuple[datetime, str, int, dict[str, Any]]]:
    """The n newest history entries of all cases: (time, case id, index, entry)."""
    return heapq.nlargest(n, ((parse_time(h["at"]), c["id"], i, h) for c in cases
                              for i, h in enumerate(c["history"])), key=lambda x: x[:3])


def stats_json(stats: dict[str, Any]) -> str:
    return json.dumps(stats, ensure_ascii=False, indent=1) + "\n"


def _cell(value: Any) -> str:
    """Spreadsheet-safe text: a leading = + - @ would run as a formula when opened."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_row(record: dict[str, Any]) -> list[str]:
    """The case's latest entries: the final decision, the last answer, the last appeal."""
    decided = [d for d in record.get("decisions", []) if d.get("decided")]
    sat = (record.get("satisfaction") or [{}])[-1]
    row = {k: record.get(k) for k in CSV_FIELDS}
    row.update({
        "remedies": ";".join(decided[-1].get("remedies", [])) if decided else None,
        "satisfaction_accepted": sat.get("accepted"), "satisfaction_score": sat.get("score"),
        "appeal_outcome": (record.get("appeals") or [{}])[-1].get("outcome"),
    })
    return [_cell(row[k]) for k in CSV_FIELDS]


def cases_csv(rows: list[list[str]]) -> str:
    """The csv_row of each record under a header line."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    writer.writerows(rows)
    return out.getvalue()


def atom_feed(cases: list[Case], policy: Policy, lang: str,
              changes: list[tuple[datetime, str, int, dict[str, Any]]] | None = None) -> str:
    """Latest status changes, newest first; links are relative to the feed's folder.
    Pass changes (latest_changes(cases, FEED_ENTRIES)) to share them between feeds."""
    changes = changes if changes is not None else latest_changes(cases, FEED_ENTRIES)
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}id").text = f"urn:complaints-as-code:changes:{lang}"
    ET.SubElement(feed, f"{{{ATOM}}}title").text = (
        f"{policy.name.get(lang, '')} · {'状态变化' if lang == 'zh' else 'Status changes'}")
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = (
        changes[0][0].isoformat() if changes else "1970-01-01T00:00:00+00:00")
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = policy.name.get(lang, "")
    for at, case_id, index, h in changes:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}id").text = f"urn:complaints-as-code:{case_id}:{index}"
        before = policy.label("states", h["from"], lang) if h.get("from") else "—"
        ET.SubElement(entry, f"{{{ATOM}}}title").text = (
            f"{case_id}: {before} → {policy.label('states', h['to'], lang)}")
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = at.isoformat()
        ET.SubElement(entry, f"{{{ATOM}}}link", href=f"../{lang}/cases/{case_id}/")
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"
