"""Roster keys with allowed_signers options: the workflow and the audit read them alike."""

from __future__ import annotations

import json

from complaints.signing.actor import normalize_ssh
from complaints.signing.keyline import parse_key_line, signers_line
from complaints.signing.signers import parse_key_spec
from testing.org import Org, verify

KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAII9J2Fk898v1OFFbunsptWZ3aagNuXpqaRgS7GH3ouwT"


def test_one_parser_for_option_prefixed_keys() -> None:
    line = f'valid-before="20991231Z",valid-after="20200101" {KEY} laptop key'
    parsed = parse_key_line(line)
    assert parsed is not None and parsed.text == KEY and parsed.comment == "laptop key"
    assert parsed.option("valid-before") == "20991231Z"
    assert normalize_ssh(line) == KEY  # the workflow's view ...
    entry = parse_key_spec("s-zhao", line)  # ... and the audit's
    assert entry is not None and entry.key_text == KEY and entry.valid_before is not None
    assert signers_line("s-zhao", line) == (
        f's-zhao namespaces="git",valid-before="20991231Z",valid-after="20200101" {KEY} laptop key')
    assert parse_key_line("0123456789ABCDEF0123") is None  # a GPG fingerprint is not an SSH key


def test_member_with_an_expiring_key_can_act_and_verifies(org: Org) -> None:
    policy = org.root / "complaints.yml"
    pub = org.repo.public_key("s-zhao")
    text = policy.read_text("utf-8")
    assert f"keys: [{pub}]" in text
    policy.write_text(text.replace(f"keys: [{pub}]", f"keys: ['valid-before=\"20991231Z\" {pub}']"),
                      "utf-8")
    org.act("s-qian")  # an admin changes the roster, as its own signed commit
    org.cli("signers", "--write")
    assert 'valid-before="20991231Z"' in (org.root / "allowed_signers").read_text()
    org.git("add", "complaints.yml", "allowed_signers")
    org.git("commit", "-q", "-S", "-m", "policy: expiry on s-zhao's key\n\n"
            "Complaint-Step: policy\nComplaint-Actor: s-qian")
    case = org.new_case(actor="s-zhao")  # failed before: the roster key was not recognized
    org.cli("acknowledge", case)
    assert verify(org) == "s-zhao"  # git itself honours the option in allowed_signers
    out = org.cli("verify", "--no-cache", "--format", "json").output
    assert json.loads(out)["problems"] == 0
