"""`complaints desk`: the cases waiting on my roles, the oldest deadline first."""

from __future__ import annotations

from typing import Any

from complaints.desk.cases import cell
from complaints.desk.show import OUTCOMES
from complaints.desk.waiting import Waiting
from complaints.load.policy import Policy, Staff


def rows(found: list[Waiting], policy: Policy, lang: str) -> list[dict[str, Any]]:
    out = []
    for w in found:
        c = w.clock
        out.append({
            "id": w.case["id"], "title": w.case.get("title", ""), "status": w.case.get("status"),
            "status_label": policy.label("states", str(w.case.get("status")), lang),
            "due": c.due.isoformat() if c else None,
            "deadline": policy.deadlines[c.name].label.get(lang, c.name) if c else None,
            "overdue": bool(c and c.outcome == "overdue"),
            "next": [{"step": t.name, "label": t.label.get(lang, t.name), "requires": list(t.requires)}
                     for t in w.steps],
        })
    return out


def render(member: Staff, how: str, table: list[dict[str, Any]], policy: Policy, lang: str) -> str:
    roles = ", ".join(policy.label("roles", r, lang) for r in sorted(member.roles))
    lines = [f"{member.id} ({roles}), by {how}: {len(table)} case{'s'[:len(table) != 1]} "
             "waiting on you, oldest deadline first"]
    for r in table:
        due = (f"due {r['due']} {r['deadline']}" + (f" ({OUTCOMES['overdue'][1 if lang == 'en' else 0]})"
                                                   if r["overdue"] else "")) if r["due"] else "no deadline"
        steps = " or ".join(f"{s['step']} ({s['label']})" for s in r["next"])
        lines.append(f"  {r['id']}  {cell(r['status_label'], 16)}  {cell(due, 34)}  {steps}")
        lines.append(f"      {r['title']}")
    return "\n".join(lines) + "\n"
