"""One case for a terminal, in the policy's words: labels, not codes or Python values.

Fields first (aligned), then each record entry (decisions, responses,
satisfaction, appeals) with its own labels, the deadlines, what the case waits
for, and the timeline. `as_json` is the same view as data.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from complaints.desk.waiting import running, waits_for
from complaints.load.policy import Policy
from complaints.load.records import OPENED, entries
from complaints.procedure.clock import clocks, local_date

# field name -> the policy's table of labels for its codes
CODES = {"channel": "channels", "category": "categories", "severity": "severities",
         "finding": "findings", "remedies": "remedies", "ground": "decline_grounds"}
YES_NO = {"zh": ("是", "否"), "en": ("yes", "no")}
OUTCOMES = {"met": ("按时", "met"), "missed": ("超时", "missed"), "running": ("进行中", "running"),
            "paused": ("暂停", "paused"), "overdue": ("已逾期", "overdue"), "expired": ("已届满", "expired")}


def value(policy: Policy, key: str, v: Any, lang: str) -> str:
    """A field's value as a person reads it."""
    if isinstance(v, bool):
        return YES_NO[lang][0 if v else 1]
    if isinstance(v, list):
        return ", ".join(value(policy, key, item, lang) for item in v)
    if isinstance(v, dict):
        return "; ".join(f"{k}: {value(policy, k, item, lang)}" for k, item in v.items())
    if key in CODES:
        return policy.label(CODES[key], str(v), lang)
    if isinstance(v, str) and v in policy.staff:
        return f"{v} ({policy.staff[v].display.get(lang, v)})"
    return str(v)


def _rows(pairs: list[tuple[str, str]], indent: str = "  ", width: int = 10) -> list[str]:
    width = max([width, *(len(k) for k, _ in pairs)])
    out = []
    for key, text in pairs:
        first, *rest = text.splitlines() or [""]
        out.append(f"{indent}{key:<{width}} {first}".rstrip())
        out += [f"{indent}{'':<{width}} {line}" for line in rest]
    return out


def _role(policy: Policy, role: str, lang: str) -> str:
    return policy.label("roles", role, lang)


def describe(case: dict[str, Any], policy: Policy, lang: str) -> str:
    """The readable page: fields, records, deadlines, what it waits for, history."""
    lines = [f"{case['id']}  {case.get('title', '')}"]
    top = [("status", f"{policy.label('states', case['status'], lang)} ({case['status']})"),
           ("received", str(case.get("received")))]
    top += [(k, value(policy, k, case[k], lang)) for k in ("channel", "category", "severity",
                                                          "complainant", "investigator") if k in case]
    top += [(f"subject.{k}", value(policy, k, v, lang)) for k, v in (case.get("subject") or {}).items()]
    lines += _rows(top, width=10)
    for key in ("summary", "remedy_sought"):
        if case.get(key):
            lines += ["", f"{key}:", *("  " + line for line in str(case[key]).splitlines())]
    for key in ("decline", "referral"):
        if case.get(key):
            lines += ["", f"{key}:", *_rows([(k, value(policy, k, v, lang)) for k, v in case[key].items()])]
    for key in OPENED:  # record lists: every round, oldest first
        for i, entry in enumerate(entries(case, key), start=1):
            lines += ["", f"{key} {i}:", *_rows([(k, value(policy, k, v, lang)) for k, v in entry.items()])]
    for action in case.get("actions", []):
        lines.append(f"  action {action['id']} [{action['kind']}, {action['state']}] {action['description']}")
    view = as_json(case, policy, lang)
    if view["deadlines"]:
        lines += ["", "deadlines:", *_rows([(d["label"], f"due {d['due']}"
                                            f"{' (estimated)' if d['estimated'] else ''}, "
                                            f"{d['outcome_label']}{_left(d)}")
                                           for d in view["deadlines"]])]
    if view["waits_for"]:
        lines += ["", "waits for:", *_rows([(w["step"], f"{w['label']} ({w['role_label']})")
                                           for w in view["waits_for"]])]
    lines += ["", "history:"]
    labels = [policy.transitions[e["step"]].label.get(lang, e["step"]) if e["step"] in policy.transitions
              else str(e["step"]) for e in case["history"]]
    width = max(len(label) for label in labels)
    for e, label in zip(case["history"], labels, strict=True):
        imported = " (imported)" if e.get("imported") else ""
        lines.append(f"  {e['at']}  {label:<{width}} → {policy.label('states', e['to'], lang)}  "
                     f"by {e['actor']}{imported}")
        if e.get("note"):
            lines.append(f"      {e['note']}")
    return "\n".join(lines) + "\n"


def _left(d: dict[str, Any]) -> str:
    paused = f", paused {d['paused_days']} days" if d["paused_days"] else ""
    if d["outcome"] in ("met", "missed"):
        return paused
    left = d["days_left"]
    return (f", {left} days left" if left >= 0 else f", {-left} days late") + paused


def as_json(case: dict[str, Any], policy: Policy, lang: str) -> dict[str, Any]:
    """The case with its deadlines and what it waits for, labels included."""
    today = local_date(datetime.now(UTC), policy)
    deadlines = [{"name": c.name, "label": policy.deadlines[c.name].label.get(lang, c.name),
                  "due": c.due.isoformat(), "outcome": c.outcome,
                  "outcome_label": OUTCOMES[c.outcome][0 if lang == "zh" else 1],
                  "days_left": c.days_left, "paused_days": c.paused_days, "estimated": c.estimated,
                  "role": c.role if c.open else None}
                 for c in clocks(case, policy, today)]
    waiting = [{"step": t.name, "label": t.label.get(lang, t.name), "role": t.role,
                "role_label": _role(policy, t.role, lang)} for t in waits_for(policy, case)]
    nearest = running(case, policy, today)
    return {"case": case, "deadlines": deadlines, "waits_for": waiting,
            "next_due": nearest[0].due.isoformat() if nearest else None}
