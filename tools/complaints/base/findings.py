"""Findings and the registry of stable rule codes.

Every problem the tool reports is a Finding with a stable code; `complaints
rules` prints this registry, and tests assert codes, never message wording alone.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    col: int
    code: str
    message: str

    def __str__(self) -> str:
        """The one printed form, `path:line:col: CODE message` (editors jump to it)."""
        return f"{self.path}:{self.line}:{self.col}: {self.code} {self.message}"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


RULES: dict[str, str] = {
    # Loading (safe YAML)
    "Y101": "file is not valid UTF-8",
    "Y102": "file is larger than the size limit",
    "Y103": "YAML syntax error",
    "Y104": "duplicate key in a mapping",
    "Y105": "anchors and aliases are not allowed",
    "Y106": "explicit YAML tags are not allowed",
    "Y107": "file is empty",
    "Y108": "more than one YAML document in a file",
    "Y109": "top level is not a mapping",
    "Y110": "mapping key is not a string",
    "Y111": "file cannot be read",
    # Schema
    "S101": "a required field is missing",
    "S102": "unknown field (not in the schema)",
    "S103": "value has the wrong type",
    "S104": "value is not one of the allowed values",
    "S105": "value does not match the required pattern or format",
    "S106": "value is out of the allowed range or length",
    "S199": "value breaks another schema constraint",
    # Case identity and references
    "C101": "case id does not match the file name",
    "C102": "case file is not in the folder of its year",
    "C103": "two files carry the same case id",
    "C104": "code is not defined in the policy (category, channel, severity, ...)",
    "C105": "staff id is not on the roster",
    "C106": "referenced case does not exist",
    "C107": "case file is not under cases/<year>/ or not named <id>.yaml",
    # Workflow and history
    "W101": "status does not equal the state reached by the last history step",
    "W102": "step is not legal from the previous state under the policy",
    "W103": "step taken by someone not on the roster",
    "W104": "step taken by a roster member without the required role",
    "W105": "history times go backwards",
    "W106": "time lies in the future",
    "W107": "history does not start with intake into the initial state",
    "W108": "a field the step requires is missing",
    "W109": "received time differs from the intake step's time",
    "W110": "history entry's from state differs from the previous to state",
    # Recusal and objectivity
    "R101": "a person the complaint is about took an investigating or deciding step",
    "R102": "a person the complaint is about was assigned to the case",
    "R103": "the same person proposed and approved, or decided and reviewed",
    "R104": "a major complaint's outcome was not approved by the director",
    # Privacy gate
    "P101": "phone number in public text",
    "P102": "Chinese resident ID number in public text",
    "P103": "other identity or tax number in public text",
    "P104": "e-mail address in public text",
    "P105": "bank card number in public text",
    "P106": "HTML or script in public text",
    "P107": "a name from the private register in public text",
    "P108": "two cases carry the same complainant reference (it must be new for each case)",
    "P109": "a staff id in the built site or its open data",
    # Complaint intake by GitHub issue form (complaints intake from-issue)
    "G101": "issue is not a complete complaint form (an answer is missing or the no-personal-data box is unticked)",
    "G102": "issue form answer is not a channel or category of the policy",
    # Policy file
    "L101": "policy refers to an undefined state, role or step",
    "L102": "policy has an unreachable or dead-end state",
    "L103": "calendar settings cannot be used: unknown time zone, or an override that contradicts itself",
    # Deadlines (complaints validate, complaints due)
    "D101": "a working-day deadline falls in a year the calendar has no official schedule for",
    # Audit trail (complaints verify): signed commits checked against the case files
    "T101": "commit touching the trail is not signed",
    "T102": "signature does not verify (commit altered after signing, or malformed)",
    "T103": "signing key is not in the allowed signers of the trusted ref",
    "T104": "signing key was expired (valid-before/valid-after) at the commit time",
    "T105": "signing key is revoked",
    "T111": "commit changing a case lacks the Complaint-Case/Step/Actor trailers",
    "T112": "signer is not the actor named in the trailers",
    "T113": "actor is not an active member of the roster in force",
    "T114": "actor lacks the role the step needs",
    "T121": "step is not legal from the case's previous state under the policy in force",
    "T122": "a field the step requires is missing after the step",
    "T123": "status does not equal the state reached by the last history step",
    "T124": "history times go backwards",
    "T125": "a history time lies after the commit that records it",
    "T131": "a person the complaint is about took an investigating or deciding step",
    "T132": "a person the complaint is about was assigned to the case",
    "T133": "the same person proposed and approved, or decided and reviewed",
    "T134": "a major complaint's outcome was not approved by the required role",
    "T141": "commit changes a case without recording its step in the history",
    "T142": "commit records more than one step, or a step other than its trailers say",
    "T143": "a past history entry was edited or removed",
    "T144": "case file deleted, or unreadable at a commit",
    "T145": "a past decision, response, answer or appeal was edited or removed",
    "T151": "commit changes more than one case (only a signed import may)",
    "T152": "step commit also changes files outside its case",
    "T153": "merge commit changes a case beyond its parents",
    "T154": "import commit adds a case not named in its trailers or not marked imported",
    "T155": "renumber commit does more than move one case to a new id",
    "T161": "roster, policy or signer list changed other than by a signed admin commit",
    "T162": "allowed_signers file does not match the roster",
    "T163": "policy in force at a commit cannot be loaded",
    "T164": "squash merge: the staff's signed steps were replaced by one commit the host signed",
    "T165": "rebase merge: signed steps were rewritten and lost their staff signatures",
    "T166": "step signed by a key that had expired before the trusted merge that brought it in",
    "T167": "step dated further before its trusted merge than the policy allows",
    # Workflow CLI (complaints new/<step>/import/renumber): why a step was not taken
    "X101": "signing is not configured (no user.signingkey for git)",
    "X102": "the signing key cannot be used (unreadable, unsupported, or git cannot sign)",
    "X103": "the signing key does not belong to anyone on the roster",
    "X104": "the roster member holding the signing key is no longer active",
    "X110": "the step does not set this field (not in its requires/allows)",
    "X111": "a field value cannot be read (wrong type or syntax)",
    "X120": "the case file has uncommitted changes in the worktree or the index",
    "X121": "a merge, rebase, cherry-pick, revert or bisect is in progress",
    "X122": "another git process holds the index lock",
    "X123": "another complaints command holds the repository lock",
    "X124": "git refused the commit (hook or signing failed); nothing was changed",
    "X125": "no case with this id",
    "X126": "the policy has no step of this name",
    "X127": "not a case id (expected C-YYYY-NNNN)",
    "X130": "contact details given but no private register configured",
    "X131": "import file has unknown or missing columns",
    "X140": "staff change refused (not an admin, unknown member or role, a key in use or revoked, the last admin)",
}


def finding(path: str, line: int, col: int, code: str, detail: str = "") -> Finding:
    """Build a finding whose message is the rule's text plus a specific detail."""
    base = RULES[code]
    return Finding(path, line, col, code, f"{base}: {detail}" if detail else base)
