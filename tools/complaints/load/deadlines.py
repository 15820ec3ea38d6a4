"""The policy's clocks (`deadlines:` in complaints.yml) as typed objects.

What a clock counts and when it stands still is procedure.clock's to say; this is
only the shape the policy gives it (schema/policy.schema.json checks the file).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Unit = Literal["days", "working_days", "months"]


@dataclass(frozen=True)
class Deadline:
    name: str
    label: dict[str, str]
    start: str  # a state, or "" when the clock starts at a case field
    stop: frozenset[str]
    amount: int
    unit: Unit
    start_field: str | None = None  # received, report_received
    pause: frozenset[str] = frozenset()
    restart: frozenset[str] = frozenset()
    roll_forward: bool = False
    party: str = "organization"  # or complainant: a window that expires, never overdue
    role: str | None = None
    resumes_on: frozenset[str] = frozenset()  # steps after which a stopped clock runs on from its start

    @property
    def working_days(self) -> bool:
        return self.unit == "working_days"


def deadline(name: str, d: dict[str, Any]) -> Deadline:
    unit, amount = next(iter(d["limit"].items()))
    start = d["start"]
    return Deadline(name, d["label"], start if isinstance(start, str) else "", frozenset(d.get("stop", ())),
                    int(amount), unit, None if isinstance(start, str) else start["field"],
                    frozenset(d.get("pause", ())), frozenset(d.get("restart", ())),
                    bool(d.get("roll_forward", False)), d.get("party", "organization"), d.get("role"),
                    frozenset(d.get("resumes_on", ())))
