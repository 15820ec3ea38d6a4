"""The commit trailers that make a Git commit a complaint step, and the message format.

Every writer (a step, intake, import, renumber, the first policy commit) builds its
message here and every reader (verify, the case log, the site) asks for the same
keys, so the audit trail has one spelling.
"""

from __future__ import annotations

CASE = "Complaint-Case"
STEP = "Complaint-Step"
ACTOR = "Complaint-Actor"
RENUMBERED_FROM = "Complaint-Renumbered-From"

Trailers = list[tuple[str, str]]


def commit_message(subject: str, body: str | None, trailers: Trailers) -> str:
    """Subject, optional body, then trailers as the last paragraph (git's format)."""
    parts = [subject.strip()]
    if body and body.strip():
        parts.append(body.strip())
    parts.append("\n".join(f"{k}: {v}" for k, v in trailers))
    return "\n\n".join(parts) + "\n"


def step_trailers(case_id: str | None, step: str, actor: str) -> Trailers:
    """The trailers of one step; `case_id` is None for repository-wide steps."""
    head = [(CASE, case_id)] if case_id else []
    return [*head, (STEP, step), (ACTOR, actor)]
