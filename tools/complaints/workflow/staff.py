"""Staff and keys over time: add, change roles, remove, rotate a key.

Each change is one signed admin commit (workflow.admin) that updates the
roster and allowed_signers together. Nobody leaves the roster: past steps are
judged by the keys on it, so a member who leaves is marked `active: false`
and their keys expire at that commit; a retired key likewise gets a
`valid-before` at the rotation; a compromised key leaves the roster and goes
to revoked_signers, which distrusts whatever date a commit signed with it
claims (verify still accepts the steps it signed before the revocation commit).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from complaints.load.policy import ADMIN, Policy
from complaints.signing.keyline import gpg_fingerprint, parse_key_line
from complaints.signing.signers import REVOKED_FILE, parse_revoked, parse_time
from complaints.workflow.admin import REFUSED, AdminResult, admin_commit, flow
from complaints.workflow.transaction import StepError


def _refuse(message: str) -> StepError:
    return StepError(REFUSED, message)


def _member(data: Any, staff_id: str) -> Any:
    found = next((m for m in data["staff"] if m["id"] == staff_id), None)
    if found is None:
        raise _refuse(f"{staff_id} is not on the roster")
    return found


def _roles(policy: Policy, roles: list[str]) -> list[str]:
    unknown = [r for r in roles if r not in policy.codes["roles"]]
    if unknown or not roles:
        raise _refuse(f"unknown role {', '.join(unknown) or '(none given)'}; roles: "
                      f"{', '.join(policy.codes['roles'])}")
    return list(dict.fromkeys(roles))


def _key_b64(spec: str) -> str:
    key = parse_key_line(spec)
    return key.key_b64 if key else (gpg_fingerprint(spec) or spec.strip())


def check_key(root: Path, policy: Policy, key: str) -> str:
    """A new public key: an SSH key or a GPG fingerprint, never seen on the roster or revoked.

    Returned without options or comment: ssh-keygen's comment is often user@host,
    which does not belong in a public file."""
    parsed = parse_key_line(key)
    key = parsed.text if parsed else key.strip()
    if parsed is None and gpg_fingerprint(key) is None:
        raise _refuse(f"not a public key: {key[:40]!r} (expected ssh-ed25519 AAAA... or a "
                      "GPG fingerprint)")
    b64 = _key_b64(key)
    owner = next((m.id for m in policy.staff.values() for k in m.keys if _key_b64(k) == b64), None)
    if owner:
        raise _refuse(f"this key is already on the roster, for {owner}")
    revoked = root / REVOKED_FILE
    if revoked.is_file() and b64 in parse_revoked(revoked.read_text("utf-8")):
        raise _refuse("this key is in revoked_signers")
    return key


def _keep_an_admin(policy: Policy, leaving: str) -> None:
    if not any(m.active and ADMIN in m.roles and m.id != leaving for m in policy.staff.values()):
        raise _refuse(f"{leaving} is the last active {ADMIN}: add another administrator first")


def stamp(now: datetime | None = None) -> tuple[str, str]:
    """(git date, ssh-keygen time) of one instant, to the second."""
    now = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    return now.isoformat(), now.strftime("%Y%m%d%H%M%SZ")


def expiring(spec: str, when: str) -> str:
    """The roster key with valid-before set (an earlier expiry is kept)."""
    key = parse_key_line(spec)
    if key is None:
        return spec  # a GPG key expires in GPG itself
    earlier = key.option("valid-before")
    if earlier is not None and parse_time(earlier) <= parse_time(when):
        return spec
    kept = [raw for (name, _), raw in zip(key.options, key.raw_options, strict=True)
            if name != "valid-before"]
    options = ",".join([*kept, f'valid-before="{when}"'])
    return f"{options} {key.text}" + (f" {key.comment}" if key.comment else "")


def add(root: Path, staff_id: str, display: dict[str, str], roles: list[str], key: str) -> AdminResult:
    def change(data: Any, policy: Policy, actor: str) -> str:
        if staff_id in policy.staff:
            raise _refuse(f"{staff_id} is already on the roster")
        new_key = check_key(root, policy, key)
        member = {"id": staff_id, "display": flow(dict(display)),
                  "roles": flow(_roles(policy, roles)), "keys": flow([new_key])}
        data["staff"].append(flow(member))
        return f"staff: add {staff_id} ({', '.join(roles)})"
    return admin_commit(root, change)


def set_roles(root: Path, staff_id: str, roles: list[str]) -> AdminResult:
    def change(data: Any, policy: Policy, actor: str) -> str:
        member = _member(data, staff_id)
        new = _roles(policy, roles)
        if ADMIN in policy.staff[staff_id].roles and ADMIN not in new:
            _keep_an_admin(policy, staff_id)
        member["roles"] = flow(new)
        return f"staff: {staff_id} now holds {', '.join(new)}"
    return admin_commit(root, change)


def remove(root: Path, staff_id: str) -> AdminResult:
    """The member leaves: inactive from this commit, their keys expire with it."""
    at, until = stamp()

    def change(data: Any, policy: Policy, actor: str) -> str:
        member = _member(data, staff_id)
        if not policy.staff[staff_id].active:
            raise _refuse(f"{staff_id} has already left")
        if ADMIN in policy.staff[staff_id].roles:
            _keep_an_admin(policy, staff_id)
        member["active"] = False
        if member.get("keys"):
            member["keys"] = flow([expiring(str(k), until) for k in member["keys"]])
        return f"staff: {staff_id} leaves (keys expire {until})"
    return admin_commit(root, change, at=at)


def rotate_key(root: Path, staff_id: str, key: str, compromised: bool) -> AdminResult:
    """A new key for the member; the old ones expire now, or are revoked if compromised."""
    at, until = stamp()
    revoke: list[str] = []

    def change(data: Any, policy: Policy, actor: str) -> str:
        member = _member(data, staff_id)
        if not policy.staff[staff_id].active:
            raise _refuse(f"{staff_id} has left; add them again under a new id")
        if compromised and actor == staff_id:
            raise _refuse("a compromised key cannot sign its own revocation: another "
                          f"{ADMIN} rotates it")
        new_key = check_key(root, policy, key)
        old = [str(k) for k in member.get("keys") or []]
        if compromised:
            revoke.extend(parse_key_line(k).text for k in old if parse_key_line(k))  # type: ignore[union-attr]
            kept: list[str] = []
        else:
            kept = [expiring(k, until) for k in old]
        member["keys"] = flow([*kept, new_key])
        how = "revoked, compromised" if compromised else f"retired, valid until {until}"
        return f"staff: new key for {staff_id} (old key {how})"

    return admin_commit(root, change, revoke=revoke, at=at)

