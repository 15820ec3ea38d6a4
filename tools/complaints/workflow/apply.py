"""Step logic: is a step legal for this actor on this case, and what it writes.

Pure functions over the policy and the case data; nothing here touches git or
files. Whether the actor may take the step is procedure.judge's to say, the
same judge validate and verify ask; a refusal carries the workflow's code for
its verdict (the validator's where the meaning is the same: W104 role,
R101-R104 recusal), so a refused step and a flagged history read alike.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from complaints.base.times import parse_zone
from complaints.load.policy import INTAKE, Policy, Transition
from complaints.load.records import get, split
from complaints.load.safeyaml import LoadError, parse
from complaints.load.schemas import schema
from complaints.procedure.judge import Step, Verdict, judge
from complaints.workflow.edit import CaseEdit

NOTE = "note"
ACTION = "action"  # the corrective action a step with action_state moves on
ACTION_ORDER = ("open", "done", "verified")


@dataclass(frozen=True)
class Refusal:
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.code} {self.message}"


class StepInputError(ValueError):
    """A field value that cannot be used; carries a rule code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = {**schema("case")["$defs"][node["$ref"].rsplit("/", 1)[1]],
                **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def field_schema(dotted: str) -> dict[str, Any]:
    """The case schema of a dotted field; {} when the schema does not know it."""
    if dotted == NOTE:
        return _resolve(schema("case")["$defs"]["step"])["properties"]["note"]  # type: ignore[no-any-return]
    node: dict[str, Any] = schema("case")
    where = split(dotted)
    parts = [where[0], *where[1].split(".")] if where else dotted.split(".")
    for part in parts:
        node = _resolve(node)
        if node.get("type") == "array":  # a record list: the fields of its entries
            node = _resolve(node.get("items", {}))
        node = node.get("properties", {}).get(part)
        if node is None:
            return {}
    return _resolve(node)


_POLICY_TABLE = re.compile(r"policy's `(\w+)`")


def choices(policy: Policy, dotted: str) -> list[str] | None:
    """Allowed values of a field, read from the schema and the policy it points to."""
    node = field_schema(dotted)
    item = _resolve(node.get("items", {})) if node.get("type") == "array" else node
    if "enum" in item:
        return [str(v) for v in item["enum"]]
    table = _POLICY_TABLE.search(node.get("description", "") + item.get("description", ""))
    if table and table.group(1) in policy.codes:
        return list(policy.codes[table.group(1)])
    if item.get("pattern", "").startswith("^s-"):
        return sorted(s.id for s in policy.staff.values() if s.active)
    return None


def convert(policy: Policy, dotted: str, raw: Any) -> Any:
    """A CLI or CSV string as the value the schema wants at that field."""
    if not isinstance(raw, str):
        return raw
    node, text = field_schema(dotted), raw.strip()
    kind = node.get("type")
    try:
        if kind == "boolean":
            low = text.lower()
            if low in ("yes", "y", "true", "1", "是"):
                return True
            if low in ("no", "n", "false", "0", "否"):
                return False
            raise ValueError("expected yes or no")
        if kind == "integer":
            return int(text)
        if kind == "array":
            if text.startswith(("[", "{")):
                value = _flow(text)
                return value if isinstance(value, list) else [value]
            return [p.strip() for p in re.split(r"[,;\s]+", text) if p.strip()]
        if kind == "object":
            return _flow(text)
    except ValueError as exc:
        raise StepInputError("X111", f"{dotted}: cannot read {raw!r}: {exc}") from None
    return text


def option_name(t: Transition, dotted: str) -> str:
    """The CLI flag of a field for this step: its last part, unless that is ambiguous."""
    last = dotted.rsplit(".", 1)[-1]
    fields = [f for f in (*t.requires, *t.allows) if f.rsplit(".", 1)[-1] == last]
    return (last if len(fields) <= 1 else dotted).replace(".", "-").replace("_", "-")


def _flow(text: str) -> Any:
    """A YAML flow (or JSON) value, read safely with dates kept as strings."""
    try:
        return parse("value: " + text).data["value"]
    except LoadError as exc:
        raise ValueError(exc.detail) from None


def now(policy: Policy) -> str:
    """The current time as RFC 3339 with seconds, in the organization's zone."""
    return datetime.now(parse_zone(policy.timezone)).replace(microsecond=0).isoformat()


def _judged(policy: Policy, case: Mapping[str, Any], t: Transition, actor: str,
            at: str | None = None) -> list[Verdict]:
    state = str(case.get("status"))
    step = Step(t.name, actor, t.target_from(state), at=at, recorded=datetime.now(UTC) if at is not None else None)
    return judge(policy, step, state=str(case.get("status")), history=case.get("history") or [],
                 case=case)


def _refusals(verdicts: list[Verdict]) -> list[Refusal]:
    return [Refusal(code, v.refusal) for v in verdicts if (code := v.code("workflow"))]


def who_may(policy: Policy, case: Mapping[str, Any], t: Transition, actor: str) -> list[Refusal]:
    """Reasons, if any, why this actor may not take step t on this case now."""
    return _refusals(_judged(policy, case, t, actor))


def check_step(
    policy: Policy, case: Mapping[str, Any], t: Transition, actor: str,
    fields: Mapping[str, Any], note: str | None, at: str,
) -> list[Refusal]:
    """Every reason the step cannot be taken as given; empty when it is legal."""
    verdicts = _judged(policy, case, t, actor, at)
    out = _refusals([v for v in verdicts if v.field != "at"])  # who_may's answer
    allowed = set(t.requires) | set(t.allows) | {NOTE} | ({ACTION} if t.action_state else set())
    if t.action_state:
        out += _action_refusals(case, t, fields.get(ACTION))
    for dotted in sorted(set(fields) - allowed):
        out.append(Refusal("X110", f"{t.name} does not set {dotted} (it sets "
                                   f"{', '.join(sorted(allowed - {NOTE})) or 'no fields'})"))
    for dotted in t.requires:
        value = note if dotted == NOTE else fields.get(dotted)
        if value is None or value == "" or value == []:
            out.append(Refusal("W108", f"{t.name} requires {dotted} (--{option_name(t, dotted)})"))
    subject = set(get(case, "subject.staff") or ())
    for dotted in t.not_subject:
        if fields.get(dotted) in subject:
            out.append(Refusal("R102", f"{dotted} {fields[dotted]} is named in the complaint's subject"))
    for dotted, value in fields.items():
        allowed_values = choices(policy, dotted) if dotted in allowed and dotted != ACTION else None
        values = value if isinstance(value, list) else [value]
        bad = [v for v in values if allowed_values is not None and isinstance(v, str)
               and v not in allowed_values]
        if bad:
            out.append(Refusal("C104", f"{dotted} {', '.join(bad)} is not one of "
                                       f"{', '.join(allowed_values or [])}"))
    return out + _refusals([v for v in verdicts if v.field == "at"])


def _action_refusals(case: Mapping[str, Any], t: Transition, action_id: Any) -> list[Refusal]:
    """An action moves one state on at a time: open -> done -> verified."""
    if not action_id:
        return [Refusal("W108", f"{t.name} requires the action it moves on (--action A-YYYY-NNN)")]
    found = next((a for a in case.get("actions") or () if a.get("id") == action_id), None)
    if found is None:
        return [Refusal("W102", f"the case has no action {action_id}")]
    want = ACTION_ORDER[ACTION_ORDER.index(str(t.action_state)) - 1]
    if found.get("state") != want:
        return [Refusal("W102", f"{t.name} moves an action from {want}; {action_id} is {found.get('state')}")]
    return []


def apply_step(
    edit: CaseEdit, t: Transition, actor: str, at: str, fields: Mapping[str, Any],
    note: str | None, imported: bool = False,
) -> None:
    """Write the step into the case: its fields, what it records, status, history."""
    recorded = {d: tpl.replace("{actor}", actor).replace("{at}", at) for d, tpl in t.records.items()}
    given: dict[str, dict[str, Any]] = {}  # per record list: the step's fields, then records
    made: dict[str, dict[str, Any]] = {}
    written = {k: v for k, v in fields.items() if k != ACTION}
    for values, into in ((written, given), (recorded, made)):
        for dotted, value in values.items():
            where = split(dotted)
            if where is None:
                edit.set(dotted, value)
            else:
                into.setdefault(where[0], {})[where[1]] = value
    for key in dict.fromkeys([*given, *made]):
        edit.record(key, given.get(key, {}), made.get(key, {}))
    action = fields.get(ACTION) if t.action_state else None
    for item in edit.data.get("actions") or ():
        if action and item.get("id") == action:
            item["state"] = t.action_state
    source = str(edit.data["status"])
    entry: dict[str, Any] = {"at": at, "step": t.name, "from": source,
                             "to": t.target_from(source), "actor": actor}
    if action:
        entry["action"] = action
    if note:
        entry["note"] = note
    if imported:
        entry["imported"] = True
    edit.set("status", t.target_from(source))
    edit.append_history(entry)


def intake_entry(policy: Policy, actor: str, at: str, note: str | None,
                 imported: bool = False) -> dict[str, Any]:
    entry: dict[str, Any] = {"at": at, "step": INTAKE, "to": policy.initial_state, "actor": actor}
    if note:
        entry["note"] = note
    if imported:
        entry["imported"] = True
    return entry


def subject_line(case_id: str, source: str, target: str) -> str:
    return f"{case_id}: {source} → {target}"
