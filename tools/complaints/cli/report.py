"""Reporters: the same findings as text, JSON or GitHub Actions annotations."""

from __future__ import annotations

import json
from collections.abc import Sequence

from complaints.base.findings import Finding

FORMATS = ("text", "json", "github")


def _escape_gh(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def render(findings: Sequence[Finding], checked: int, fmt: str, what: str = "file") -> str:
    """The whole report as one string, ending with a newline."""
    if fmt == "json":
        body = {"checked": checked, "problems": len(findings), "findings": [f.as_dict() for f in findings]}
        return json.dumps(body, ensure_ascii=False, indent=2) + "\n"
    lines = []
    for f in findings:
        if fmt == "github":
            props = f"file={f.path},line={f.line},col={f.col},title={f.code}"
            lines.append(f"::error {props}::{_escape_gh(f'{f.code} {f.message}')}")
        else:
            lines.append(str(f))
    files = len({f.path for f in findings})
    if findings:
        lines.append(f"{len(findings)} problem{'s'[:len(findings) != 1]} in {files} "
                     f"{what}{'s'[:files != 1]} ({checked} checked)")
    else:
        lines.append(f"{checked} {what}{'s'[:checked != 1]} checked, no problems")
    return "\n".join(lines) + "\n"
