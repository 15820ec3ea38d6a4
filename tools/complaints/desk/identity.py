"""Who is looking: the member a read-only command (desk, next) speaks for.

Reading needs no signing: `--as ID` names the member; otherwise the signing
key's owner, else the roster id in git's user.name (what each clone is set up
with), and the command says which of these it went by.
"""

from __future__ import annotations

from pathlib import Path

from complaints.base.errors import CannotRun
from complaints.base.git import Git
from complaints.load.policy import Policy, Staff
from complaints.signing.actor import SigningError, whoami


def assumed(root: Path, policy: Policy, as_id: str | None) -> tuple[Staff, str]:
    """(member, how we know) for a read-only command."""
    if as_id:
        member = policy.staff.get(as_id)
        if member is None:
            raise CannotRun(f"--as {as_id}: not on the roster (staff: {', '.join(policy.staff)})")
        return member, "--as"
    git = Git(root)
    config = git.config()
    try:
        return whoami(git, policy, config).staff, "your signing key"
    except SigningError as exc:
        name = config.get("user.name", "")
        if name in policy.staff:
            return policy.staff[name], "git config user.name (no usable signing key)"
        raise CannotRun(f"cannot tell who you are ({exc}); give --as STAFF_ID", exc.code) from None
