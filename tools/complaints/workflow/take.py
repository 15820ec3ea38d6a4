"""Taking a step: who acts, is it legal, what it writes, one signed commit.

The library behind `complaints <verb>` and `complaints step`. Order matters:
every check (policy, signer, lock, clean file, legal step, valid result, a
signing probe) runs before the first byte is written; then the transaction
writes and commits, or restores everything.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from complaints.base.findings import Finding
from complaints.base.git import Git
from complaints.base.trailers import commit_message, step_trailers
from complaints.load.paths import case_path
from complaints.load.policy import Policy, Transition, load_policy
from complaints.load.safeyaml import LoadError, load_bytes, read_limited
from complaints.signing.actor import Actor, probe, whoami
from complaints.workflow.apply import NOTE, Refusal, StepInputError, check_step, convert, now, who_may
from complaints.workflow.edit import CaseEdit
from complaints.workflow.edit import load as load_edit
from complaints.workflow.transaction import StepError, Transaction, repo_lock


@dataclass
class Repo:
    root: Path
    git: Git
    git_dir: Path
    policy: Policy
    config: dict[str, str]

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()


@dataclass(frozen=True)
class StepResult:
    case_id: str
    step: str
    source: str
    target: str
    actor: str
    commit: str


def open_repo(root: Path) -> Repo:
    git = Git(root)
    return Repo(root, git, git.git_dir(), load_policy(root), git.config())  # PolicyError: exit 2


def actor_of(repo: Repo) -> Actor:
    return whoami(repo.git, repo.policy, repo.config)  # SigningError: set up the key, exit 2


def refuse(what: str, refusals: list[Refusal]) -> StepError:
    lines = "\n".join(f"  {r}" for r in refusals)
    return StepError(refusals[0].code, f"{what} refused:\n{lines}", listed=True)


def check_text(repo: Repo, relpath: str, raw: bytes, names: tuple[str, ...] = ()) -> list[Finding]:
    """Every finding the validator would report on this case text."""
    from complaints.check.validate import Settings, check_file  # lazily: the step path stays light until here
    settings = Settings(repo.root, repo.policy, datetime.now(UTC), names)
    return check_file(settings, repo.root / relpath, raw).findings


def ensure_valid(repo: Repo, relpath: str, raw: bytes, names: tuple[str, ...]) -> None:
    found = check_text(repo, relpath, raw, names)
    if found:
        lines = "\n".join(f"  {f}" for f in found)
        raise StepError(found[0].code, f"the result would not validate, nothing was written:\n{lines}",
                        listed=True)


def read_case(repo: Repo, case_id: str) -> tuple[str, bytes, dict[str, Any]]:
    path = case_path(repo.root, case_id)
    if not path.is_file():
        raise StepError("X125", f"no case {case_id} (expected {repo.rel(path)})")
    raw = read_limited(path)
    try:
        data = load_bytes(raw).data
    except LoadError as exc:
        raise StepError(exc.code, f"{repo.rel(path)}:{exc.line}:{exc.col}: {exc.detail}") from None
    return repo.rel(path), raw, data


def transition(policy: Policy, name: str) -> Transition:
    t = policy.transitions.get(name)
    if t is None:
        raise StepError("X126", f"the policy has no step {name!r}; steps: "
                        f"{', '.join(policy.transitions)}")
    return t


def step_message(case_id: str, source: str, target: str, step: str, actor: str,
                 note: str | None) -> str:
    return commit_message(f"{case_id}: {source} → {target}", note, step_trailers(case_id, step, actor))


def take_step(
    root: Path, case_id: str, step: str, fields: Mapping[str, Any], note: str | None = None,
    at: str | None = None, names: tuple[str, ...] = (),
) -> StepResult:
    """Take one policy step on a case as the signing actor: one signed commit, or nothing."""
    repo = open_repo(root)
    actor = actor_of(repo)
    t = transition(repo.policy, step)
    try:
        values = {k: convert(repo.policy, k, v) for k, v in fields.items() if k != NOTE}
    except StepInputError as exc:
        raise StepError(exc.code, str(exc)) from None
    note = note or (str(fields[NOTE]) if fields.get(NOTE) else None)
    with repo_lock(repo.git_dir):
        txn = Transaction(repo.git, repo.git_dir)
        relpath = case_path(repo.root, case_id).relative_to(repo.root).as_posix()
        txn.preflight([relpath])
        relpath, raw, data = read_case(repo, case_id)
        when = at or now(repo.policy)
        refusals = check_step(repo.policy, data, t, actor.id, values, note, when)
        if refusals:
            raise refuse(f"{t.name} on {case_id} by {actor.id}", refusals)
        edit = load_edit(raw.decode("utf-8-sig"))
        source = str(data["status"])
        from complaints.workflow.apply import apply_step

        apply_step(edit, t, actor.id, when, values, note)
        new = edit.text().encode("utf-8")
        ensure_valid(repo, relpath, new, names)
        probe_signing(repo)
        commit = txn.commit({relpath: new}, step_message(case_id, source, t.target_from(source), t.name,
                                                            actor.id, note))
    return StepResult(case_id, t.name, source, t.target_from(source), actor.id, commit)


def probe_signing(repo: Repo) -> None:
    probe(repo.git)  # SigningError: git cannot sign here, exit 2


@dataclass(frozen=True)
class Option:
    step: Transition
    refusals: list[Refusal]


def next_steps(root: Path, case_id: str) -> tuple[Actor, str, list[Option]]:
    """Every policy step with the reasons it is closed to the current actor (none: open)."""
    repo = open_repo(root)
    actor = actor_of(repo)
    _, _, data = read_case(repo, case_id)
    return actor, str(data.get("status")), [
        Option(t, who_may(repo.policy, data, t, actor.id)) for t in repo.policy.transitions.values()]


def case_edit(raw: bytes) -> CaseEdit:
    return load_edit(raw.decode("utf-8-sig"))


def relpath_of(root: Path, case_id: str) -> str:
    return PurePosixPath(case_path(root, case_id).relative_to(root)).as_posix()
