"""One signed admin commit that changes the policy and the signer lists together.

`complaints verify` accepts a change to complaints.yml, allowed_signers or
revoked_signers only as a `policy` step signed by a member who is an admin in
the policy before it (T161), and wants allowed_signers to say what the roster
says (T162). Every roster change (`complaints staff ...`) goes through here, so
each one is such a commit: checked, the policy re-validated, the signer file
rendered from the new roster, signed, or nothing written.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from complaints.base.git import Git
from complaints.base.trailers import commit_message, step_trailers
from complaints.load.policy import ADMIN, POLICY_FILE, Policy, check_policy
from complaints.signing.signers import REVOKED_FILE, SIGNERS_FILE, render
from complaints.workflow.take import actor_of, open_repo, probe_signing
from complaints.workflow.transaction import StepError, Transaction, repo_lock

REFUSED = "X140"  # a staff change that cannot be made (see base/findings.py)


def round_trip() -> YAML:
    """ruamel.yaml keeping the policy's comments, flow mappings and quotes."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)  # the house style: `  - item` under a key
    return yaml


def flow(items: dict[str, Any] | list[Any]) -> CommentedMap | CommentedSeq:
    """A mapping or list written inline, as the roster's lines are."""
    out = CommentedMap(items) if isinstance(items, dict) else CommentedSeq(items)
    out.fa.set_flow_style()
    return out


def dump(data: Any) -> str:
    out = StringIO()
    round_trip().dump(data, out)
    return out.getvalue()


def checked_policy(text: str) -> Policy:
    """The policy this text would be, or a refusal listing what is wrong with it."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / POLICY_FILE
        path.write_text(text, "utf-8")
        policy, found = check_policy(path)
    if policy is None or found:
        lines = "\n".join(f"  {f.code} {f.message}" for f in found)
        raise StepError(found[0].code if found else REFUSED,
                        f"the changed policy would not be valid, nothing was written:\n{lines}",
                        listed=True)
    return policy


@dataclass(frozen=True)
class AdminResult:
    subject: str
    actor: str
    commit: str


# A change edits the round-trip policy data in place and returns the commit subject.
Change = Callable[[Any, Policy, str], str]  # (policy data, policy, acting staff id)


def admin_commit(root: Path, change: Change, revoke: Sequence[str] = (),
                 at: str | None = None) -> AdminResult:
    """Apply change to complaints.yml as the signing admin: one signed `policy` commit.

    revoke: public keys appended to revoked_signers, read after change ran (so a
    change may fill the list it was given). at: the commit's date (git's
    format), so a key expiring "now" expires exactly at this commit.
    """
    repo = open_repo(root)
    actor = actor_of(repo)
    if not repo.policy.holds(actor.id, ADMIN):
        raise StepError(REFUSED, f"{actor.id} lacks role {ADMIN}: only an administrator changes "
                        "the roster and the signer lists")
    paths = [POLICY_FILE, SIGNERS_FILE, REVOKED_FILE]
    with repo_lock(repo.git_dir):
        git = Git(root, {"GIT_COMMITTER_DATE": at, "GIT_AUTHOR_DATE": at} if at else None)
        txn = Transaction(git, repo.git_dir)
        txn.preflight(paths)
        data = round_trip().load((root / POLICY_FILE).read_text("utf-8"))
        subject = change(data, repo.policy, actor.id)
        text = dump(data)
        policy = checked_policy(text)
        writes: dict[str, bytes | None] = {POLICY_FILE: text.encode("utf-8"),
                                           SIGNERS_FILE: render(policy).encode("utf-8")}
        if revoke:
            path = root / REVOKED_FILE
            old = path.read_text("utf-8") if path.is_file() else ""
            writes[REVOKED_FILE] = (old + "".join(f"{k}\n" for k in revoke)).encode("utf-8")
        probe_signing(repo)
        message = commit_message(subject, None, step_trailers(None, "policy", actor.id))
        commit = txn.commit(writes, message)
    return AdminResult(subject, actor.id, commit)
