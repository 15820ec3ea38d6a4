"""Roster key lines, parsed once for both sides of the trail.

A roster key (complaints.yml `staff[].keys`) is either an SSH public key,
optionally with allowed_signers options in front and a comment after
(`valid-before="20270101Z" ssh-ed25519 AAAA... laptop`), or a GPG fingerprint.
The workflow (signing.py: whose key is git signing with?) and the audit
(signers.py: whom does a signature belong to?) both read keys through this
module, so the two can never disagree about what a roster line says.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass

KEY_TYPE = re.compile(r"^(ssh-(ed25519|rsa|dss)|ecdsa-sha2-nistp\d+|sk-\S+)$")
_TOKEN = re.compile(r'(?:[^\s"]|"[^"]*")+')  # words; a quoted option value may hold spaces
_OPTION = re.compile(r'(?:[^,"]|"[^"]*")+')  # comma-separated options, quotes respected
_FPR = re.compile(r"^(0x)?[0-9A-Fa-f]{16,40}$")


@dataclass(frozen=True)
class KeyLine:
    key_type: str
    key_b64: str
    options: tuple[tuple[str, str], ...] = ()  # (lower-cased name, value without quotes)
    raw_options: tuple[str, ...] = ()  # each option as written, for re-rendering
    comment: str = ""

    @property
    def text(self) -> str:
        """`type base64`, the form in which keys are compared."""
        return f"{self.key_type} {self.key_b64}"

    def option(self, name: str) -> str | None:
        return next((v for k, v in self.options if k == name), None)


def parse_key_line(spec: str) -> KeyLine | None:
    """An SSH key with optional leading options; None for a GPG fingerprint or junk."""
    tokens = _TOKEN.findall(spec.strip())
    raw: list[str] = []
    if tokens and not KEY_TYPE.match(tokens[0]):
        raw = [item.strip() for item in _OPTION.findall(tokens[0]) if item.strip()]
        tokens = tokens[1:]
    if len(tokens) < 2 or not KEY_TYPE.match(tokens[0]):
        return None
    try:
        base64.b64decode(tokens[1], validate=True)
    except (ValueError, binascii.Error):
        return None
    options = []
    for item in raw:
        name, _, value = item.partition("=")
        options.append((name.strip().lower(), value.strip().strip('"')))
    return KeyLine(tokens[0], tokens[1], tuple(options), tuple(raw), " ".join(tokens[2:]))


def gpg_fingerprint(spec: str) -> str | None:
    """The upper-case fingerprint (or long key id) a roster line names, if it is one."""
    compact = re.sub(r"\s+", "", spec)
    return compact.upper().removeprefix("0X") if _FPR.match(compact) else None


def signers_line(principal: str, spec: str) -> str | None:
    """The allowed_signers line for a roster key: git's namespace, the key's own options."""
    key = parse_key_line(spec)
    if key is None:
        return None
    kept = [raw for (name, _), raw in zip(key.options, key.raw_options, strict=True)
            if name != "namespaces"]  # roster keys sign commits only
    options = ",".join(['namespaces="git"', *kept])
    return f"{principal} {options} {key.text}" + (f" {key.comment}" if key.comment else "")
