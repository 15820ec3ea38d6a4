"""A complaint filed with the issue form, read into intake fields, privacy gate first.

GitHub renders a form's answers as `### <label>` sections in the issue body (an
unanswered optional field reads `_No response_`, a checkbox `- [X] <label>`); the labels
and options are read from the form file itself (files.ISSUE_FORM), so the two never
drift. Before anything else the whole title and body pass the privacy gate: with a hit,
nothing is prepared, and the redacted title and body (each line holding a hit replaced)
and a reply saying what to remove are returned instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import Any

from ruamel.yaml import YAML

from complaints.base.findings import RULES, Finding, finding
from complaints.base.times import parse_offset
from complaints.check.privacy.gate import scan_text
from complaints.github.files import ISSUE_FORM
from complaints.load.policy import Policy

NO_RESPONSE = "_No response_"
TITLE_PREFIX = "Complaint:"
REMOVED = "[removed: personal data]"
REMOVED_TITLE = "Complaint (title removed: personal data)"
CODE_KINDS = {"channel": "channels", "category": "categories"}
FIELDS = {"what_happened": "summary", "remedy_sought": "remedy_sought"}


@dataclass(frozen=True)
class FormField:
    id: str
    kind: str  # dropdown, textarea, input, checkboxes
    label: str
    required: bool
    options: tuple[str, ...] = ()


@cache
def form_fields() -> tuple[FormField, ...]:
    data = YAML(typ="safe").load(ISSUE_FORM.read_text("utf-8"))
    out = []
    for item in data["body"]:
        if item["type"] == "markdown":
            continue
        attrs = item["attributes"]
        options = tuple(o["label"] if isinstance(o, dict) else str(o) for o in attrs.get("options", ()))
        required = bool((item.get("validations") or {}).get("required"))
        out.append(FormField(item["id"], item["type"], attrs["label"], required, options))
    return tuple(out)


def sections(body: str) -> list[tuple[str, int, str]]:
    """(heading, offset of its text in body, text) for each `### ` section."""
    out: list[tuple[str, int, str]] = []
    at = 0
    for line in body.splitlines(keepends=True):
        if line.startswith("### "):
            out.append((line[4:].strip(), at + len(line), ""))
        elif out:
            heading, start, text = out[-1]
            out[-1] = (heading, start, text + line)
        at += len(line)
    return out


@dataclass
class Intake:
    """What one issue gives: the prepared intake fields, or why not."""

    number: int
    findings: list[Finding] = field(default_factory=list)
    fields: dict[str, Any] = field(default_factory=dict)
    personal: list[str] = field(default_factory=list)  # where personal data was found, for the reply
    missing: list[str] = field(default_factory=list)
    title: str = ""  # redacted title and body, when personal data was found
    body: str = ""

    @property
    def ok(self) -> bool:
        return not self.findings


def _code(policy: Policy, kind: str, answer: str) -> str | None:
    for code, label in policy.codes[kind].items():
        if answer in (code, label.get("en"), label.get("zh"), f"{label.get('en')} / {label.get('zh')}"):
            return code
    return None


def _short(label: str) -> str:
    return label.split(" / ")[0]


def read_issue(issue: dict[str, Any], policy: Policy, source: str) -> Intake:
    """The issue (REST or webhook shape) as intake fields, after the privacy gate."""
    title, body = str(issue.get("title") or ""), str(issue.get("body") or "")
    out = Intake(int(issue.get("number") or 0))
    parts = sections(body)
    title_hits = scan_text(title)
    body_hits = scan_text(body)
    for _, code, detail in title_hits:
        out.findings.append(finding(source, 1, 1, code, f"{detail} in the issue title"))
        out.personal.append(f"the title: {RULES[code]}")
    bad_lines: set[int] = set()
    for offset, code, detail in body_hits:
        heading = next((h for h, start, _ in reversed(parts) if start <= offset), None)
        line = body.count("\n", 0, offset)
        bad_lines.add(line)
        where = f'"{_short(heading)}"' if heading else "the issue body"
        out.findings.append(finding(source, 1, 1, code, f"{detail} in {where}, line {line + 1} of the body"))
        out.personal.append(f"{where}: {RULES[code]}")
    if out.findings:  # nothing is prepared from text that holds personal data
        out.title = REMOVED_TITLE if title_hits else title
        lines = body.splitlines()
        out.body = "\n".join(REMOVED if i in bad_lines else text for i, text in enumerate(lines))
        return out
    answers = {h: t.strip() for h, _, t in parts}
    for f in form_fields():
        answer = answers.get(f.label, "")
        answer = "" if answer == NO_RESPONSE else answer
        if f.kind == "checkboxes":
            ticked = all(f"- [X] {o}" in answer or f"- [x] {o}" in answer for o in f.options)
            if not ticked:
                out.missing.append(f'"{_short(f.label)}" (the box must be ticked)')
            continue
        if not answer:
            if f.required:
                out.missing.append(f'"{_short(f.label)}"')
            continue
        if f.id in CODE_KINDS:
            known = _code(policy, CODE_KINDS[f.id], answer)
            if known is None:
                out.findings.append(finding(source, 1, 1, "G102", f'"{answer}" under "{_short(f.label)}"'))
            else:
                out.fields[f.id] = known
        elif f.id in FIELDS:
            out.fields[FIELDS[f.id]] = answer
    name = title.strip().removeprefix(TITLE_PREFIX).strip()
    if not name:
        out.missing.append("a title")
    if out.missing:
        out.findings.append(finding(source, 1, 1, "G101", "missing " + ", ".join(out.missing)))
    if out.findings:
        return out
    out.fields = {"title": name, **out.fields, "severity": next(iter(policy.codes["severities"])),
                  "received": _received(issue, policy)}
    return out


def _received(issue: dict[str, Any], policy: Policy) -> str:
    """When the issue was filed, in the organization's time zone."""
    created = str(issue.get("created_at") or "")
    try:
        when = datetime.fromisoformat(created.replace("Z", "+00:00"))
    except ValueError:
        when = datetime.now(parse_offset(policy.timezone))
    return when.astimezone(parse_offset(policy.timezone)).isoformat(timespec="seconds")
