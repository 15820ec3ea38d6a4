"""`complaints import FILE.csv`: past complaints from a spreadsheet, one signed commit.

Column layout (UTF-8 CSV with a header row; blank cells are ignored):

- one row per step, rows of a case together and oldest first;
- `case`: groups the rows of one complaint: either its id (C-2025-0042, kept
  when free) or any local key (a fresh sequential id is given);
- `step`: `intake` on a case's first row, then names of the policy's steps;
- `at` (RFC 3339 with offset, e.g. 2025-03-02T09:30:00+08:00), `actor` (staff
  id on the roster, possibly inactive now), `note`;
- on the intake row: title, channel, category, severity, kind, language,
  summary, remedy_sought, subject.unit, subject.staff, subject.report, and the
  contact columns name, phone, email, address (these go to the private
  register only, never into the repository);
- on later rows: any field the step requires or allows, by dotted name
  (decision.finding, decision.remedies as "refund;apology", response.summary...).

Every step is checked against the policy as if taken live, every case is
validated, and only then are all cases written in one commit whose history
entries are marked `imported: true`. The importer must hold the role admin.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from complaints.base.errors import Problems
from complaints.base.trailers import CASE, commit_message, step_trailers
from complaints.load.paths import case_path
from complaints.load.policy import ADMIN, INTAKE
from complaints.load.register import Pending, add_entries, contact, entry, load_register, new_ref, person_for
from complaints.workflow.apply import NOTE, apply_step, check_step, convert
from complaints.workflow.edit import new as new_edit
from complaints.workflow.intake import CASE_FIELDS, REQUIRED, _require_role, build_case, refs_in_cases, used_numbers
from complaints.workflow.take import Repo, actor_of, check_text, open_repo, probe_signing
from complaints.workflow.transaction import StepError, Transaction, repo_lock

_ID = re.compile(r"^C-\d{4}-\d{4,6}$")
BASE = ("case", "step", "at", "actor", NOTE)
CONTACT = ("name", "phone", "email", "address")


class ImportProblem(Problems):
    """Everything wrong with the file, one `file:row: CODE message` per line."""


@dataclass(frozen=True)
class ImportResult:
    case_ids: list[str]
    commit: str | None


@dataclass
class _Case:
    key: str
    rows: list[tuple[int, dict[str, str]]]


def _groups(path: Path) -> Iterator[_Case]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        current: _Case | None = None
        for number, row in enumerate(reader, start=2):
            values = {k.strip(): (v or "").strip() for k, v in row.items() if k and (v or "").strip()}
            key = values.get("case", "")
            if current is None or key != current.key:
                if current is not None:
                    yield current
                current = _Case(key, [])
            current.rows.append((number, values))
        if current is not None:
            yield current


def _build(repo: Repo, group: _Case, case_id: str, ref: str,
           problems: list[str], where: str) -> tuple[str, bytes] | None:
    number, first = group.rows[0]
    if first.get("step") != INTAKE:
        problems.append(f"{where}:{number}: W107 the first row of case {group.key} must be intake")
        return None
    missing = [k for k in (*REQUIRED, "at", "actor") if not first.get(k)]
    if missing:
        problems.append(f"{where}:{number}: S101 intake row lacks {', '.join(missing)}")
        return None
    edit = new_edit(build_case(repo, first, case_id, ref, first["actor"], first["at"], True))
    for number, row in group.rows[1:]:
        t = repo.policy.transitions.get(row.get("step", ""))
        if t is None:
            problems.append(f"{where}:{number}: X126 unknown step {row.get('step')!r}")
            return None
        try:
            fields = {k: convert(repo.policy, k, v) for k, v in row.items() if k not in BASE}
        except ValueError as exc:
            problems.append(f"{where}:{number}: X111 {exc}")
            return None
        refusals = check_step(repo.policy, edit.data, t, row.get("actor", ""), fields,
                              row.get(NOTE), row.get("at", ""))
        if refusals:
            problems += [f"{where}:{number}: {r}" for r in refusals]
            return None
        apply_step(edit, t, row["actor"], row["at"], fields, row.get(NOTE), imported=True)
    relpath = case_path(repo.root, case_id).relative_to(repo.root).as_posix()
    raw = edit.text().encode("utf-8")
    names = (first["name"],) if first.get("name") else ()
    problems += [f"{where}:{number}: {f.code} {f.message} (in {relpath} line {f.line})"
                 for f in check_text(repo, relpath, raw, names)]
    return relpath, raw


def _check_columns(path: Path, repo: Repo) -> None:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        header = next(csv.reader(handle), [])
    known = set(BASE) | set(CASE_FIELDS) | set(CONTACT)
    known |= {f for t in repo.policy.transitions.values() for f in (*t.requires, *t.allows)}
    unknown = [c for c in header if c.strip() not in known]
    if not header or unknown:
        raise ImportProblem(f"{path}:1: X131 unknown columns: {', '.join(unknown) or '(none)'}; "
                            f"known: {', '.join(sorted(known))}")


def import_file(root: Path, path: Path, register: Path | None, dry_run: bool = False) -> ImportResult:
    """Check every row and case, then write all cases in one signed commit."""
    repo = open_repo(root)
    actor = actor_of(repo)
    _require_role(repo, actor.id, (ADMIN,), "import")
    _check_columns(path, repo)
    with repo_lock(repo.git_dir):
        problems: list[str] = []
        writes: dict[str, bytes | None] = {}
        people: dict[str, dict[str, str]] = {}
        known = load_register(register) if register else {}
        taken = set(known) | refs_in_cases(repo.root)
        counters: dict[str, int] = {}
        for group in _groups(path):
            year = group.rows[0][1].get("at", "")[:4]
            if _ID.match(group.key):
                case_id = group.key
                if case_path(repo.root, case_id).exists():
                    problems.append(f"{path}:{group.rows[0][0]}: C103 {case_id} already exists")
                    continue
            else:
                if year not in counters:
                    counters[year] = max(used_numbers(repo, year), default=0)
                counters[year] += 1
                case_id = f"C-{year}-{counters[year]:04d}"
            ref = new_ref(taken)
            taken.add(ref)
            built = _build(repo, group, case_id, ref, problems, str(path))
            if built and built[0] in writes:
                problems.append(f"{path}:{group.rows[0][0]}: C103 {case_id} appears twice")
            elif built:
                writes[built[0]] = built[1]
                # One reference per case; rows of the same person share a person id.
                found = contact(group.rows[0][1])
                people[ref] = entry(found, case_id, person_for({**known, **people}, found))
        if any(contact(p) for p in people.values()) and register is None:
            problems.append(f"{path}: X130 contact columns given but no private register configured")
        if problems:
            raise ImportProblem("nothing was imported:\n" + "\n".join(problems))
        ids = [Path(p).stem for p in writes]
        if dry_run or not writes:
            return ImportResult(ids, None)
        txn = Transaction(repo.git, repo.git_dir)
        txn.preflight(list(writes))
        probe_signing(repo)
        if register is not None:
            pending: Pending = add_entries(register, people)
            txn.undo.append(pending.undo)
        trailers = [(CASE, i) for i in ids] + step_trailers(None, "import", actor.id)
        message = commit_message(f"import: {len(ids)} cases from {path.name}", None, trailers)
        commit = txn.commit(writes, message)
    return ImportResult(ids, commit)


__all__ = ["ImportProblem", "ImportResult", "StepError", "import_file"]

