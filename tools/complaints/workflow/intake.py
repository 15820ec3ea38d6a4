"""Intake and ids: `complaints new` and `complaints renumber`.

Every case gets a public complainant reference of its own (load/register.py);
the link between one person's cases is kept in the private register only.

Ids are sequential per year (C-2026-0007): readable and what staff expect. Two
branches can still pick the same number; then the two files share one path,
so git reports an add/add conflict at merge (and `validate` reports C103 if a
copy lands elsewhere). `renumber` gives the case the next free id, counting
ids on every local and remote-tracking branch, in one signed commit.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from complaints.load.paths import CASES_DIR, case_path
from complaints.load.policy import ADMIN, INTAKE, Policy
from complaints.load.register import Pending, add_entries, contact, entry, load_register, new_ref, person_for
from complaints.procedure.judge import Step, judge
from complaints.workflow.apply import convert, intake_entry, now
from complaints.workflow.edit import new as new_edit
from complaints.workflow.edit import schema_order
from complaints.workflow.take import (
    Repo,
    StepResult,
    actor_of,
    case_edit,
    ensure_valid,
    open_repo,
    probe_signing,
    read_case,
    step_message,
)
from complaints.workflow.transaction import StepError, Transaction, repo_lock

CASE_FIELDS = ("title", "language", "received", "channel", "category", "severity", "kind",
               "summary", "remedy_sought", "subject.unit", "subject.staff", "subject.report")
REQUIRED = ("title", "channel", "category", "severity", "summary")
_NUMBER = re.compile(r"^C-(\d{4})-(\d{4,6})\.yaml$")
_REF = re.compile(r"^complainant:\s*[\"']?(R-[0-9A-Z]+)", re.M)


def refs_in_cases(root: Path) -> set[str]:
    """Complainant references the worktree's cases use: a new one must differ from each
    (P108), also where no register is kept."""
    found: set[str] = set()
    for path in (root / CASES_DIR).glob("*/*.yaml"):
        found.update(_REF.findall(path.read_text("utf-8", errors="replace")))
    return found


def used_numbers(repo: Repo, year: str) -> set[int]:
    """Case numbers of a year in the worktree and on every branch git knows."""
    found = {int(m.group(2)) for p in (repo.root / CASES_DIR / year).glob("C-*.yaml")
             if (m := _NUMBER.match(p.name))}
    refs = repo.git.out("for-each-ref", "--format=%(refname)", "refs/heads", "refs/remotes")
    for ref in filter(None, refs.splitlines()):
        listing = repo.git.run("ls-tree", "--name-only", f"{ref}:{CASES_DIR}/{year}", check=False)
        found |= {int(m.group(2)) for name in listing.stdout.split() if (m := _NUMBER.match(name))}
    return found


def next_id(repo: Repo, year: str) -> str:
    return f"C-{year}-{max(used_numbers(repo, year), default=0) + 1:04d}"


def _may_take_intake(repo: Repo, actor: str) -> None:
    """The judge's answer for intake, as for every other step."""
    step = Step(INTAKE, actor, repo.policy.initial_state)
    for verdict in judge(repo.policy, step, state=None, history=[], case={}):
        code = verdict.code("workflow")
        if code:
            raise StepError(code, f"intake refused: {verdict.refusal}")


def _require_role(repo: Repo, actor: str, roles: tuple[str, ...], what: str) -> None:
    wanted = [r for r in roles if r in repo.policy.codes["roles"]]
    if wanted and not any(repo.policy.holds(actor, r) for r in wanted):
        raise StepError("W104", f"{what} needs the role {' or '.join(wanted)}; {actor} lacks it")


def build_case(repo: Repo, values: Mapping[str, Any], case_id: str, ref: str, actor: str,
               at: str, imported: bool = False) -> dict[str, Any]:
    """The case document for an intake, fields in schema order."""
    doc: dict[str, Any] = {"id": case_id}
    for key in CASE_FIELDS:
        value = at if key == "received" else values.get(key)
        if value in (None, "", []):
            continue
        value = convert(repo.policy, key, value)
        if key.startswith("subject."):
            doc.setdefault("subject", {})[key.split(".", 1)[1]] = value
        else:
            doc[key] = value
    doc.setdefault("kind", "complaint")
    doc["complainant"] = ref
    doc["status"] = repo.policy.initial_state
    if imported:
        doc["imported"] = True
    doc["history"] = [intake_entry(repo.policy, actor, at, values.get("note"), imported)]
    order = schema_order(())
    return dict(sorted(doc.items(), key=lambda kv: order.index(kv[0])))


def check_answer(policy: Policy, dotted: str, raw: Any, names: tuple[str, ...] = ()) -> str | None:
    """Why one typed intake answer cannot be used (None: it can), before the next is asked.

    The same rules as the whole case, for one field: its schema (length, pattern),
    roster ids for subject.staff, and the privacy gate for public text.
    """
    from jsonschema import Draft202012Validator

    from complaints.check.privacy.gate import CODE_FIELDS, scan_text
    from complaints.load.schemas import schema
    from complaints.workflow.apply import StepInputError, field_schema

    try:
        value = convert(policy, dotted, raw)
    except StepInputError as exc:
        return f"{exc.code} {exc}"
    node = {**field_schema(dotted), "$defs": schema("case")["$defs"]}
    problem = next(iter(Draft202012Validator(node).iter_errors(value)), None)
    if problem is not None:
        return f"{dotted}: {problem.message}"
    if dotted == "subject.staff":
        unknown = [s for s in value if s not in policy.staff]
        if unknown:
            return f"{', '.join(unknown)} not on the roster (staff: {', '.join(policy.staff)})"
    if isinstance(value, str) and dotted.rsplit(".", 1)[-1] not in CODE_FIELDS:
        hits = scan_text(value, names)
        if hits:
            return "; ".join(f"{code} {detail}" for _, code, detail in hits) + \
                " (public text: leave personal details to the contact questions)"
    return None


def create_case(root: Path, values: Mapping[str, Any], register: Path | None,
                names: tuple[str, ...] = ()) -> StepResult:
    """Register a complaint: a new case file in one signed commit, contacts to the register."""
    repo = open_repo(root)
    actor = actor_of(repo)
    _may_take_intake(repo, actor.id)
    missing = [k for k in REQUIRED if not values.get(k)]
    if missing:
        raise StepError("S101", f"intake needs {', '.join(missing)}")
    people = contact(values)
    if people and register is None:
        raise StepError("X130", "contact details were given but no private register is "
                        "configured (--register PATH or COMPLAINTS_REGISTER)")
    at = str(values.get("received") or now(repo.policy))
    with repo_lock(repo.git_dir):
        txn = Transaction(repo.git, repo.git_dir)
        case_id = next_id(repo, at[:4])
        relpath = case_path(repo.root, case_id).relative_to(repo.root).as_posix()
        txn.preflight([relpath])
        known = load_register(register) if register else {}
        ref = new_ref(set(known) | refs_in_cases(repo.root))
        edit = new_edit(build_case(repo, values, case_id, ref, actor.id, at))
        raw = edit.text().encode("utf-8")
        all_names = names + ((people["name"],) if "name" in people else ())
        try:
            ensure_valid(repo, relpath, raw, all_names)
        except StepError as exc:  # the case file was never written: say so, name no file
            raise StepError(exc.code or "S101", str(exc).replace(
                "the result would not validate, nothing was written:",
                f"the complaint was not registered and nothing was written; as case {case_id} "
                "it would not validate:").replace(f"  {relpath}:", "  line "), listed=True) from None
        probe_signing(repo)
        if register is not None and people:  # no contact details: no register entry at all
            pending: Pending = add_entries(register, {ref: entry(people, case_id, person_for(known, people))})
            txn.undo.append(pending.undo)
        message = step_message(case_id, INTAKE, repo.policy.initial_state, INTAKE, actor.id,
                               values.get("note"))
        commit = txn.commit({relpath: raw}, message)
    return StepResult(case_id, INTAKE, INTAKE, repo.policy.initial_state, actor.id, commit)


def renumber(root: Path, old_id: str) -> StepResult:
    """Move a case to the next free id of its year, in one signed commit."""
    repo = open_repo(root)
    actor = actor_of(repo)
    _require_role(repo, actor.id, (INTAKE, ADMIN), "renumber")
    with repo_lock(repo.git_dir):
        txn = Transaction(repo.git, repo.git_dir)
        old_rel, raw, _data = read_case(repo, old_id)
        new_id = next_id(repo, old_id.split("-")[1])
        new_rel = case_path(repo.root, new_id).relative_to(repo.root).as_posix()
        txn.preflight([old_rel, new_rel])
        edit = case_edit(raw)
        edit.data["id"] = new_id
        new = edit.text().encode("utf-8")
        ensure_valid(repo, new_rel, new, ())
        probe_signing(repo)
        from complaints.base.trailers import RENUMBERED_FROM, commit_message, step_trailers

        message = commit_message(f"{new_id}: renumbered from {old_id}", None, [
            *step_trailers(new_id, "renumber", actor.id), (RENUMBERED_FROM, old_id)])
        commit = txn.commit({old_rel: None, new_rel: new}, message)
    return StepResult(new_id, "renumber", old_id, new_id, actor.id, commit)
