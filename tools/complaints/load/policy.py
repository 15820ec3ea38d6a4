"""The policy file (complaints.yml) as typed objects, loaded and checked once.

The workflow is data: states, transitions with roles, required fields and
recusal rules. Code asks the policy; it never names a state or step itself,
except `intake`, the step that creates a case.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from complaints.base.errors import CannotRun
from complaints.base.findings import Finding, finding
from complaints.base.times import parse_zone
from complaints.load.calendar import CalendarSpec, load_spec
from complaints.load.deadlines import Deadline, deadline
from complaints.load.safeyaml import Document, LoadError, load_file
from complaints.load.schemas import schema_findings

POLICY_FILE = "complaints.yml"
INTAKE = "intake"
ADMIN = "admin"  # the role that may change the policy, roster and signers
LANGS = ("zh", "en")

Label = dict[str, str]


@dataclass(frozen=True)
class Staff:
    id: str
    display: Label
    roles: frozenset[str]
    keys: tuple[str, ...] = ()
    email: str | None = None
    active: bool = True


@dataclass(frozen=True)
class Transition:
    name: str
    label: Label
    sources: frozenset[str]
    target: str
    role: str
    requires: tuple[str, ...] = ()
    allows: tuple[str, ...] = ()
    records: dict[str, str] = field(default_factory=dict)
    recusal: bool = False
    not_subject: tuple[str, ...] = ()
    not_by: tuple[str, ...] = ()
    major_role: str | None = None
    stays: bool = False  # the step keeps the state it is taken from; target is then its first source
    action_state: str | None = None  # the step moves one corrective action to this state
    assigned: str | None = None  # a case field naming the one member who may take it

    def target_from(self, state: str) -> str:
        """The state the step enters when taken from state."""
        return state if self.stays else self.target


@dataclass(frozen=True)
class Policy:
    raw: dict[str, Any]
    path: Path
    name: Label
    timezone: str
    commit_url: str | None
    codes: dict[str, dict[str, Label]]  # channels, categories, ... -> code -> label
    states: dict[str, Label]
    terminal: frozenset[str]
    handled: frozenset[str]  # terminal states that end the handling with a decision
    initial_state: str
    transitions: dict[str, Transition]
    staff: dict[str, Staff]
    deadlines: dict[str, Deadline]
    major_approval_role: str | None
    country: str | None
    calendar: CalendarSpec = field(default_factory=lambda: CalendarSpec(None, None, False))
    repository: str | None = None  # where the public can clone the cases (site: how to verify)

    def label(self, kind: str, code: str, lang: str) -> str:
        """Label of a code in a language, falling back to the code itself."""
        table = self.states if kind == "states" else self.codes.get(kind, {})
        return table.get(code, {}).get(lang, code)

    def holds(self, staff_id: str, role: str) -> bool:
        member = self.staff.get(staff_id)
        return member is not None and role in member.roles

    def steps_from(self, state: str) -> list[Transition]:
        return [t for t in self.transitions.values() if state in t.sources]


class PolicyError(CannotRun):
    """The policy file is unusable; carries every finding about it, one per line."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__("\n".join(map(str, findings)), listed=True)
        self.findings = findings


CODE_KINDS = ("channels", "categories", "severities", "findings", "remedies", "decline_grounds", "roles")


def _first_source(raw: dict[str, Any], t: dict[str, Any]) -> str:
    """A step that keeps its state has no one target: callers ask target_from(state)."""
    return str(t["to"] if "to" in t else min(t["from"], key=list(raw["states"]).index))


def _build(raw: dict[str, Any], path: Path, calendar: CalendarSpec) -> Policy:
    org = raw["organization"]
    staff = {
        s["id"]: Staff(s["id"], s["display"], frozenset(s["roles"]), tuple(s.get("keys", ())),
                       s.get("email"), s.get("active", True))
        for s in raw["staff"]
    }
    transitions = {
        name: Transition(
            name, t["label"], frozenset(t["from"]), _first_source(raw, t), t["role"],
            tuple(t.get("requires", ())), tuple(t.get("allows", ())), dict(t.get("records", {})),
            bool(t.get("recusal", False)), tuple(t.get("not_subject", ())),
            tuple(t.get("not_by", ())), t.get("major_role"), "to" not in t, t.get("action_state"),
            t.get("assigned"),
        )
        for name, t in raw["transitions"].items()
    }
    deadlines = {name: deadline(name, d) for name, d in raw["deadlines"].items()}
    return Policy(
        raw=raw, path=path, name=org["name"], timezone=org.get("timezone", "+00:00"),
        commit_url=org.get("commit_url"),
        codes={kind: raw[kind] for kind in CODE_KINDS},
        states={k: {"zh": v["zh"], "en": v["en"]} for k, v in raw["states"].items()},
        terminal=frozenset(k for k, v in raw["states"].items() if v.get("terminal")),
        handled=frozenset(k for k, v in raw["states"].items() if v.get("terminal") and v.get("handled")),
        initial_state=raw["initial_state"], transitions=transitions, staff=staff,
        deadlines=deadlines, major_approval_role=raw.get("major_approval_role"),
        country=raw.get("calendar", {}).get("country"), calendar=calendar,
        repository=org.get("repository"),
    )


def _consistency(doc: Document, path: str) -> list[Finding]:
    """What the policy schema cannot say: every name it uses is defined."""
    raw, out = doc.data, []
    states, roles = set(raw["states"]), set(raw["roles"])

    def bad(pointer: tuple[str | int, ...], detail: str) -> None:
        out.append(finding(path, *doc.pos(pointer), "L101", detail))

    if raw["initial_state"] not in states:
        bad(("initial_state",), raw["initial_state"])
    for name, t in raw["transitions"].items():
        for i, s in enumerate(t["from"]):
            if s not in states:
                bad(("transitions", name, "from", i), f"state {s}")
        if "to" in t and t["to"] not in states:
            bad(("transitions", name, "to"), f"state {t['to']}")
        for key in ("role", "major_role"):
            if key in t and t[key] not in roles:
                bad(("transitions", name, key), f"role {t[key]}")
        for i, step in enumerate(t.get("not_by", ())):
            if step not in raw["transitions"]:
                bad(("transitions", name, "not_by", i), f"step {step}")
    for i, member in enumerate(raw["staff"]):
        for j, role in enumerate(member["roles"]):
            if role not in roles:
                bad(("staff", i, "roles", j), f"role {role}")
    for name, d in raw["deadlines"].items():
        starts = [d["start"]] if isinstance(d["start"], str) else []
        for s in [*starts, *d.get("stop", ()), *d.get("pause", ())]:
            if s not in states:
                bad(("deadlines", name), f"state {s}")
        for step in d.get("restart", ()):
            if step not in raw["transitions"]:
                bad(("deadlines", name, "restart"), f"step {step}")
        if "role" in d and d["role"] not in roles:
            bad(("deadlines", name, "role"), f"role {d['role']}")
    try:
        parse_zone(raw["organization"].get("timezone", "+00:00"))
    except ValueError as exc:
        out.append(finding(path, *doc.pos(("organization", "timezone")), "L103", str(exc)))
    reachable = {raw["initial_state"]} | {t["to"] for t in raw["transitions"].values() if "to" in t}
    for s in sorted(states - reachable):
        out.append(finding(path, *doc.pos(("states", s)), "L102", f"{s} is unreachable"))
    leaving = {s for t in raw["transitions"].values() if "to" in t for s in t["from"]}
    terminal = {k for k, v in raw["states"].items() if v.get("terminal")}
    for s in sorted(states - leaving - terminal):
        out.append(finding(path, *doc.pos(("states", s)), "L102", f"{s} has no way out and is not terminal"))
    return out


def check_policy(path: Path) -> tuple[Policy | None, list[Finding]]:
    """Load and check a policy file; the Policy is None when it is unusable."""
    name = str(path)
    try:
        doc = load_file(path)
    except LoadError as exc:
        return None, [finding(name, exc.line, exc.col, exc.code, exc.detail)]
    problems = schema_findings("policy", doc, name)
    if problems:
        return None, problems
    problems = _consistency(doc, name)
    if problems:
        return None, problems
    calendar, problems = load_spec(doc.data, path.parent)
    if calendar is None:
        return None, problems
    return _build(doc.data, path, calendar), []


@cache
def _load_cached(path: Path, mtime_ns: int) -> Policy:
    policy, problems = check_policy(path)
    if policy is None:
        raise PolicyError(problems)
    return policy


def load_policy(root: Path) -> Policy:
    """The repository's policy, validated; raises PolicyError with all problems."""
    path = (root / POLICY_FILE).resolve()
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        raise PolicyError([finding(POLICY_FILE, 1, 1, "Y111", "policy file not found")]) from None
    try:
        return _load_cached(path, mtime)
    except PolicyError as exc:  # name the file as the person sees it, relative to the repository
        raise PolicyError([replace(f, path=POLICY_FILE) for f in exc.findings]) from None
