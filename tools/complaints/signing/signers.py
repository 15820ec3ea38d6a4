"""Who may sign: allowed signers derived from the roster, expiry and revocation.

The roster (complaints.yml `staff[].keys`) is the source; the `allowed_signers`
file at the root is a copy for plain `git verify-commit`, principal = staff id,
namespace git. A roster key may carry allowed_signers options in front of it
(`valid-before="20270101Z" ssh-ed25519 AAAA...`), honoured as ssh-keygen does,
against the committer date. Because the signer controls that date, a lost key
is listed in `revoked_signers` (one public key a line, as ssh-keygen -r reads),
which holds whatever date a commit claims.
"""

from __future__ import annotations

import calendar
import hashlib
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from complaints.load.policy import Policy
from complaints.signing.keyline import gpg_fingerprint, parse_key_line, signers_line

SIGNERS_FILE = "allowed_signers"
REVOKED_FILE = "revoked_signers"


@dataclass(frozen=True)
class Entry:
    principal: str
    key_type: str
    key_b64: str
    namespaces: tuple[str, ...] | None = None  # None: any namespace
    valid_after: int | None = None  # unix seconds
    valid_before: int | None = None

    @property
    def key_text(self) -> str:
        return f"{self.key_type} {self.key_b64}"


def parse_time(text: str) -> int:
    """ssh-keygen's YYYYMMDD[HHMM[SS]][Z]; without Z it is local time, as ssh-keygen reads it."""
    utc = text.endswith(("Z", "z"))
    digits = text[:-1] if utc else text
    if not digits.isdigit() or len(digits) not in (8, 12, 14):
        raise ValueError(f"bad time {text!r}")
    digits = digits.ljust(14, "0")
    parts = (int(digits[0:4]), int(digits[4:6]), int(digits[6:8]),
             int(digits[8:10]), int(digits[10:12]), int(digits[12:14]))
    stamp = (*parts, 0, 0, -1)
    return calendar.timegm(stamp) if utc else int(time.mktime(stamp))


def parse_key_spec(principal: str, spec: str) -> Entry | None:
    """One key with optional leading options; None for a GPG fingerprint or junk."""
    key = parse_key_line(spec)
    if key is None:
        return None
    names = key.option("namespaces")
    after, before = key.option("valid-after"), key.option("valid-before")
    return Entry(principal, key.key_type, key.key_b64,
                 tuple(n.strip() for n in names.split(",")) if names is not None else None,
                 parse_time(after) if after is not None else None,
                 parse_time(before) if before is not None else None)


def parse_allowed(text: str) -> list[Entry]:
    """An allowed_signers file; principals may be a comma list. Bad lines are skipped."""
    out: list[Entry] = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        principals, _, rest = line.partition(" ")
        for principal in principals.split(","):
            entry = parse_key_spec(principal.strip('"'), rest)
            if entry is not None:
                out.append(entry)
    return out


def parse_revoked(text: str) -> frozenset[str]:
    """Base64 key blobs of a plain revocation list (comments and options allowed)."""
    found = set()
    for line in text.splitlines():
        entry = parse_key_spec("-", line.strip()) if line.strip() and not line.startswith("#") else None
        if entry is not None:
            found.add(entry.key_b64)
    return frozenset(found)


def roster_entries(policy: Policy) -> list[Entry]:
    """Allowed signers as the roster defines them; every key in git's namespace only."""
    out = []
    for member in policy.staff.values():
        for spec in member.keys:
            entry = parse_key_spec(member.id, spec)
            if entry is not None:
                out.append(Entry(entry.principal, entry.key_type, entry.key_b64,
                                 ("git",), entry.valid_after, entry.valid_before))
    return out


def render(policy: Policy) -> str:
    """The allowed_signers file for this roster (principal = staff id)."""
    lines = [signers_line(member.id, spec) for member in policy.staff.values() for spec in member.keys]
    return "\n".join(line for line in lines if line) + "\n"


def same_entries(a: Iterable[Entry], b: Iterable[Entry]) -> bool:
    return sorted(a, key=repr) == sorted(b, key=repr)


@dataclass(frozen=True)
class Trusted:
    """The signer set a verification run trusts, and the hash that keys its cache."""

    entries: tuple[Entry, ...]
    revoked: frozenset[str]
    source: str  # e.g. "roster at main (1a2b3c4d)"
    gpg: tuple[tuple[str, str], ...] = ()  # (fingerprint, principal)
    # A key revoked by a commit R still vouches for the commits R was made on top of:
    # key -> R, and key -> the commits before R (the history the admin revoked it in).
    revoked_at: tuple[tuple[str, str], ...] = ()
    before_revocation: Mapping[str, frozenset[str]] = field(default_factory=dict, compare=False)

    @property
    def digest(self) -> str:
        h = hashlib.sha256()
        for e in sorted(self.entries, key=repr):
            h.update(repr(e).encode() + b"\n")
        h.update(b"revoked\n" + "\n".join(sorted(self.revoked)).encode())
        h.update(repr(sorted(self.gpg)).encode())
        h.update(repr(sorted(self.revoked_at)).encode())
        return h.hexdigest()

    def judge(self, key_b64: str, when: int, sha: str | None = None) -> tuple[str, str | None]:
        """(status, principal) of a key that made a good signature at committer time `when`
        on commit sha (revoked, unless sha came before the commit that revoked the key)."""
        if key_b64 in self.revoked and sha not in self.before_revocation.get(key_b64, frozenset()):
            return "revoked", self.principal_of(key_b64)
        matches = [e for e in self.entries if e.key_b64 == key_b64
                   and (e.namespaces is None or "git" in e.namespaces)]
        if not matches:
            return "unknown-key", None
        for e in matches:
            if (e.valid_after is None or when >= e.valid_after) and \
                    (e.valid_before is None or when <= e.valid_before):
                return "good", e.principal
        return "expired", matches[0].principal

    def principal_of(self, key_b64: str) -> str | None:
        return next((e.principal for e in self.entries if e.key_b64 == key_b64), None)

    def gpg_principal(self, fingerprint: str) -> str | None:
        fpr = fingerprint.upper()
        return next((p for f, p in self.gpg if len(f) >= 16 and fpr.endswith(f)), None)


def roster_gpg(policy: Policy) -> tuple[tuple[str, str], ...]:
    """GPG fingerprints on the roster, as (FINGERPRINT, staff id)."""
    return tuple((fpr, member.id) for member in policy.staff.values() for spec in member.keys
                 if (fpr := gpg_fingerprint(spec)))
