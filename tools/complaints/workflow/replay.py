"""`complaints demo DIR --from SRC`: a folder of case files replayed as a signed trail.

Every history entry of every case becomes the step it records, taken through
the workflow library in time order by the roster member who took it, signed
with that member's throwaway key and dated as the entry is; cases marked
imported come in with one signed import. What each step wrote is read back
from the record (load.records): a step gets the fields of the record entry
that came to exist at its time, or of the latest one before it. The result is
a repository whose `verify` passes and whose site links every step to its
commit; that the replayed files say what the source files say is tested.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from complaints.load.cases import load_case
from complaints.load.paths import case_files
from complaints.load.policy import INTAKE, Policy, Transition, load_policy
from complaints.load.records import OPENED, entries, get, split
from complaints.workflow.apply import ACTION
from complaints.workflow.intake import CASE_FIELDS
from complaints.workflow.org import OrgRepo

Case = dict[str, Any]
COPIED = ("docs", "overrides", "mkdocs.yml", "mkdocs.en.yml")  # what the site build reads


def _opened_at(entry: dict[str, Any], key: str) -> str | None:
    return next((entry[f] for f in OPENED[key] if f in entry), None)


def _flat(value: Any) -> Any:
    """A value as the CLI or a CSV cell gives it (lists as a;b)."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return value


def step_fields(case: Case, index: int, t: Transition,
                transitions: dict[str, Transition]) -> dict[str, Any]:
    """What step t at history[index] set, read back from the record."""
    at = case["history"][index]["at"]
    out: dict[str, Any] = {}
    for dotted in (*t.requires, *t.allows):
        if dotted == "note" or dotted in t.records:
            continue
        where = split(dotted)
        if where is None:
            value: Any = get(case, dotted)
            later = (transitions.get(h["step"]) for h in case["history"][index + 1:])
            if dotted == "actions" and any(x and "actions" in x.allows for x in later):
                value = None  # actions go with the last step that may add them
        else:
            key, field = where
            found = entries(case, key)
            opened = [e for e in found if _opened_at(e, key) == at]
            before = [e for e in found if (_opened_at(e, key) or "") <= at]
            source = opened[0] if opened else (before[-1] if before and dotted in t.requires else {})
            value = source.get(field)
        if dotted == "actions" and value:
            value = [_as_added(case, a) for a in value]
        if value not in (None, "", []):
            out[dotted] = _flat(value) if dotted != "actions" else value
    if case["history"][index].get("action"):  # a step that moves one action on
        out[ACTION] = case["history"][index]["action"]
    return out


def _as_added(case: Case, action: dict[str, Any]) -> dict[str, Any]:
    """An action as the step that added it wrote it: open, when later steps moved it on."""
    moved = any(h.get("action") == action.get("id") for h in case["history"])
    return {**action, "state": "open"} if moved else action


@contextmanager
def _dated(at: str) -> Iterator[None]:
    """Git dates the commit as the step: author and committer time from the entry."""
    keep = {k: os.environ.get(k) for k in ("GIT_AUTHOR_DATE", "GIT_COMMITTER_DATE")}
    os.environ.update(GIT_AUTHOR_DATE=at, GIT_COMMITTER_DATE=at)
    try:
        yield
    finally:
        for k, v in keep.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _import_rows(cases: list[Case], policy: Policy) -> list[dict[str, Any]]:
    rows = []
    for case in cases:
        for i, h in enumerate(case["history"]):
            if not h.get("imported"):
                continue  # taken live after the import, replayed as such
            row: dict[str, Any] = {"case": case["id"], "step": h["step"], "at": h["at"],
                                   "actor": h["actor"], "note": h.get("note", "")}
            if h["step"] == INTAKE:
                row.update({k: _flat(v) for k, v in _intake_values(case).items() if k != "received"})
            else:
                row.update(step_fields(case, i, policy.transitions[h["step"]], policy.transitions))
            rows.append(row)
    return rows


def _intake_values(case: Case) -> dict[str, Any]:
    return {dotted: value for dotted in CASE_FIELDS if (value := get(case, dotted)) is not None}


def read_cases(source: Path) -> list[Case]:
    """The source's cases, every one valid (a replay of invalid data would not verify)."""
    from complaints.workflow.demo import DemoError

    out = []
    for path in case_files(source):
        loaded = load_case(source, path, positions=False)
        if not loaded.ok or loaded.doc is None:
            raise DemoError("\n".join(map(str, loaded.findings)) or f"{loaded.rel} cannot be read")
        out.append(loaded.doc.data)
    return out


def build_replay(directory: Path, source: Path, keys: Path | None = None) -> str:
    """A new signed organization at directory holding source's cases, step by step."""
    import shutil

    from complaints.workflow.demo import DemoError
    from complaints.workflow.org import create_org_repo
    from complaints.workflow.transaction import StepError

    directory, source = directory.resolve(), source.resolve()
    if directory.exists() and any(directory.iterdir()):
        raise DemoError(f"{directory} exists and is not empty")
    cases = read_cases(source)
    if not cases:
        raise DemoError(f"{source} holds no cases to replay")
    first = min(h["at"] for c in cases for h in c["history"])
    keys_dir = (keys or directory.parent / f"{directory.name}-keys").resolve()
    try:
        org = create_org_repo(directory, keys_dir, policy=source / "complaints.yml",
                              committer_date=first)
        steps = replay(org, source)
    except (ValueError, StepError) as exc:
        for made in (directory, keys_dir):  # nothing half-built is left behind
            shutil.rmtree(made, ignore_errors=True)
        raise DemoError(f"the cases of {source} could not be replayed: {exc}") from None
    for name in COPIED:  # the site's own files, so `site build` works there as here
        item = source / name
        if item.is_dir():
            shutil.copytree(item, directory / name, dirs_exist_ok=True)
        elif item.is_file():
            shutil.copy2(item, directory / name)
    return (f"{source}'s {len(cases)} cases replayed in {directory}: {steps} signed "
            f"steps\nthrowaway keys in {keys_dir}\ntry: cd {directory} && complaints verify")


def replay(org: OrgRepo, source: Path) -> int:
    """Take every step of the cases under source/cases in org; returns the steps taken."""
    from complaints.workflow.importer import import_file
    from complaints.workflow.intake import create_case
    from complaints.workflow.take import take_step

    policy = load_policy(org.root)
    cases = read_cases(source)
    imported = [c for c in cases if c.get("imported")]
    taken = 0
    if imported:
        rows = _import_rows(imported, policy)
        path = org.keys_dir / "imported.csv"
        with path.open("w", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, fieldnames=list(dict.fromkeys(k for r in rows for k in r)))
            writer.writeheader()
            writer.writerows(rows)
        admin = next(s.id for s in policy.staff.values() if "admin" in s.roles)
        org.act_as(admin)
        with _dated(max(r["at"] for r in rows)):
            import_file(org.root, path, None)
        taken += 1
    events = sorted((h["at"], c["id"], i) for c in cases for i, h in enumerate(c["history"])
                    if not h.get("imported"))
    by_id = {c["id"]: c for c in cases}
    for at, case_id, i in events:
        case, entry = by_id[case_id], by_id[case_id]["history"][i]
        org.act_as(entry["actor"])
        with _dated(at):
            if entry["step"] == INTAKE:
                made = create_case(org.root, {**_intake_values(case), "received": at,
                                              "note": entry.get("note")}, None)
                if made.case_id != case_id:
                    raise ValueError(f"{case_id} was replayed as {made.case_id}: "
                                     "ids must follow the order received")
            else:
                t = policy.transitions[entry["step"]]
                take_step(org.root, case_id, t.name, step_fields(case, i, t, policy.transitions),
                          entry.get("note"), at)
        taken += 1
    return taken
