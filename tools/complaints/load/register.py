"""The private register: complainants' contact data, never in the public repo.

A YAML mapping `R-XXXXXX -> {name, phone, email, address, case, person}` at a
path given by `--register` or $COMPLAINTS_REGISTER. Each case carries only its
own opaque reference, new and random for every case, so the public record
never links one person's cases. Only the register does: `person` (P-XXXXXX)
is the same for every case of one complainant (recognized by phone or e-mail
at intake), and `case` names the case the reference was issued for.
Entries written before these two keys still load; they link nothing.
The path is refused when it lies inside the repository, where a careless
`git add` could publish it. Writes are atomic (temp file + rename, mode 0600)
and reversible, so a failed intake leaves the register as it was.
"""

from __future__ import annotations

import os
import secrets
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from complaints.base.errors import CannotRun

ENV = "COMPLAINTS_REGISTER"
CONTACT_FIELDS = ("name", "phone", "email", "address")
_ALPHABET = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no I/O, which read like 1/0


class RegisterError(CannotRun, ValueError):
    """The private register is unusable (unreadable, malformed, inside the repository)."""


def register_path(option: str | None, repo_root: Path) -> Path | None:
    """The configured register path, refused when it lies inside the repository."""
    raw = option or os.environ.get(ENV)
    if not raw:
        return None
    path = Path(raw).expanduser().resolve()
    if path.is_relative_to(repo_root.resolve()):
        raise RegisterError(f"private register {path} is inside the public repository "
                            f"{repo_root}; keep it elsewhere")
    return path


def load_register(path: Path) -> dict[str, dict[str, Any]]:
    if not path.exists():
        return {}
    try:
        data = yaml.load(path.read_text("utf-8"), Loader=yaml.CSafeLoader) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        problem = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise RegisterError(f"{path}: cannot read the private register: {problem}") from None
    if not isinstance(data, dict):
        raise RegisterError(f"{path}: the register must be a mapping of references")
    return data


def register_names(path: Path) -> list[str]:
    """Complainants' names, for the privacy gate of `complaints validate`."""
    return sorted({str(v["name"]) for v in load_register(path).values()
                   if isinstance(v, dict) and v.get("name")})


def _random_id(prefix: str, taken: set[str]) -> str:
    while True:
        ref = prefix + "".join(secrets.choice(_ALPHABET) for _ in range(6))
        if ref not in taken:
            return ref


def new_ref(taken: set[str]) -> str:
    """A case's public reference R-XXXXXX: random, so it reveals no order, count or person;
    taken holds every reference in use (the register's and the cases')."""
    return _random_id("R-", taken)


def _key(field: str, value: Any) -> str:
    """How a contact is recognized again: a phone by its last 11 digits, an e-mail folded."""
    text = str(value).strip()
    if field == "phone":
        digits = "".join(c for c in text if c.isdigit())
        return digits[-11:] if len(digits) >= 7 else ""
    return text.casefold() if "@" in text else ""


def person_for(data: Mapping[str, Any], people: Mapping[str, str]) -> str:
    """The person id of a complainant: the one already in the register for the same phone
    or e-mail, else a new one. A name alone is no identity (two people share names)."""
    wanted = {(f, k) for f in ("phone", "email") if (k := _key(f, people.get(f, "")))}
    persons = set()
    for entry in data.values():
        if not isinstance(entry, dict):
            continue
        person = entry.get("person")
        if person:
            persons.add(str(person))
            if wanted & {(f, _key(f, entry[f])) for f in ("phone", "email") if entry.get(f)}:
                return str(person)
    return _random_id("P-", persons)


def cases_of(data: Mapping[str, Any], ref: str) -> list[str]:
    """Every case of the complainant behind a reference (staff only: the register is private)."""
    person = (data.get(ref) or {}).get("person")
    if not person:
        return [str(data[ref]["case"])] if (data.get(ref) or {}).get("case") else []
    return sorted(str(e["case"]) for e in data.values()
                  if isinstance(e, dict) and e.get("person") == person and e.get("case"))


def entry(people: Mapping[str, str], case_id: str, person: str) -> dict[str, str]:
    """The register entry of one case's reference."""
    return {**people, "case": case_id, "person": person}


@dataclass
class Pending:
    """A register write that can be undone until the step's commit succeeds."""

    path: Path
    before: bytes | None

    def undo(self) -> None:
        if self.before is None:
            self.path.unlink(missing_ok=True)
        else:
            _atomic_write(self.path, self.before)


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def add_entries(path: Path, entries: dict[str, dict[str, str]]) -> Pending:
    """Add complainants to the register; returns the undo record."""
    before = path.read_bytes() if path.exists() else None
    data = load_register(path)
    clash = set(data) & set(entries)
    if clash:
        raise RegisterError(f"register already holds {', '.join(sorted(clash))}")
    data.update(entries)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=True, default_flow_style=False)
    _atomic_write(path, text.encode("utf-8"))
    return Pending(path, before)


def contact(values: Mapping[str, Any]) -> dict[str, str]:
    """The non-empty contact fields among values."""
    return {k: str(values[k]).strip() for k in CONTACT_FIELDS if values.get(k)}
