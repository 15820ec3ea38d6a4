"""Build real signed case histories for the audit tests.

Steps are written the way the workflow writes them (one case file, a
history entry, trailers, `git commit -S` with the actor's ssh key), but
without the workflow's own checks, so a test can also commit what the
workflow would refuse: forgeries are made with real git and real keys.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from complaints.base.git import Git
from complaints.base.trailers import commit_message
from complaints.load.records import LISTS
from complaints.workflow.org import OrgRepo, act_as, create_org_repo

BASE = {
    "title": "Report result questioned", "channel": "email", "category": "report",
    "severity": "minor", "kind": "complaint", "summary": "A customer questions a lead result.",
    "complainant": "R-7F3K2Q", "subject": {"unit": "Chemistry", "staff": ["s-zhou"]},
}  # complainant: replaced by complainant_ref(case id), in its place


def complainant_ref(case_id: str) -> str:
    """A public reference of its own for each case (two cases never share one: P108)."""
    return "R-" + case_id.replace("C-", "").replace("-", "")


FIELDS: dict[str, dict[str, Any]] = {
    "assign": {"investigator": "s-wu"},
    "propose": {"decisions": {"finding": "partly_upheld", "remedies": ["retest"],
                              "rationale": "Retest within uncertainty."}},
    "respond": {"responses": {"summary": "We explained the retest.", "channel": "email"}},
    "close": {"satisfaction": {"accepted": True, "score": 4}},
    "decline": {"decline": {"ground": "out_of_scope"}},
    "refer": {"referral": {"body": "Market regulator"}},
    "appeal": {"appeals": {"grounds": "Disagrees with the finding."}},
    "review": {"appeals": {"outcome": "original_upheld"}},
}
NOTES = {"send_back", "withdraw", "reopen"}
TARGET = {"acknowledge": "acknowledged", "accept": "accepted", "assign": "investigating",
          "propose": "decision_proposed", "approve": "decided", "send_back": "investigating",
          "respond": "responded", "close": "closed", "decline": "not_accepted",
          "refer": "referred", "appeal": "under_review", "review": "decided",
          "withdraw": "withdrawn", "reopen": "investigating"}


def merge(into: dict[str, Any], extra: dict[str, Any]) -> None:
    """Add a step's fields; a record list gets them as the workflow writes them (see
    load.records): into its latest entry, or a new one when that already has them."""
    extra = copy.deepcopy(extra)  # never share FIELDS' dicts with a case (a later edit would leak)
    for k, v in extra.items():
        if k in LISTS.values() and isinstance(v, list):
            into[k] = v  # the whole list, as given
        elif k in LISTS.values():
            entries = into.setdefault(k, [])
            if not entries or any(f in entries[-1] for f in v):
                entries.append({})
            entries[-1].update(v)
        elif isinstance(v, dict) and isinstance(into.get(k), dict):
            merge(into[k], v)
        else:
            into[k] = v


@dataclass
class Trail:
    org: OrgRepo
    clock: int = 0

    @property
    def root(self) -> Path:
        return self.org.root

    @property
    def git(self) -> Git:
        return self.org.git

    def at(self) -> str:
        self.clock += 1
        day, hour = divmod(self.clock, 8)
        return f"2026-{1 + day // 28:02d}-{1 + day % 28:02d}T{9 + hour:02d}:00:00+08:00"

    def path(self, case_id: str) -> Path:
        return self.root / "cases" / case_id.split("-")[1] / f"{case_id}.yaml"

    def read(self, case_id: str) -> dict[str, Any]:
        data: dict[str, Any] = yaml.safe_load(self.path(case_id).read_text("utf-8"))
        return data

    def write(self, case_id: str, data: dict[str, Any]) -> None:
        self.path(case_id).parent.mkdir(parents=True, exist_ok=True)
        self.path(case_id).write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")

    def commit(self, subject: str, trailers: list[tuple[str, str]], signer: str | None,
               paths: list[str] | None = None) -> str:
        if signer:
            act_as(self.root, signer, self.org.keys[signer])
        self.git.run("add", "-A", "--", *(paths or ["."]))
        sign = ["-S"] if signer else ["--no-gpg-sign"]
        self.git.run("commit", "-q", *sign, "--cleanup=whitespace", "-F", "-",
                     input=commit_message(subject, None, trailers))
        return self.git.out("rev-parse", "HEAD")

    def intake(self, case_id: str, actor: str = "s-zhao", signer: str | None = "",
               **extra: Any) -> str:
        at = self.at()
        data: dict[str, Any] = {"id": case_id, **BASE, "complainant": complainant_ref(case_id),
                                "received": at, "status": "received",
                                "history": [{"at": at, "step": "intake", "to": "received",
                                             "actor": actor}]}
        merge(data, extra)
        self.write(case_id, data)
        return self.commit(f"{case_id}: intake → received", self.trailers(case_id, "intake", actor),
                           actor if signer == "" else signer)

    @staticmethod
    def trailers(case_id: str, step: str, actor: str) -> list[tuple[str, str]]:
        return [("Complaint-Case", case_id), ("Complaint-Step", step), ("Complaint-Actor", actor)]

    def step(self, case_id: str, step: str, actor: str, *, signer: str | None = "",
             fields: dict[str, Any] | None = None, to: str | None = None,
             trailer_actor: str | None = None) -> str:
        data = self.read(case_id)
        entry: dict[str, Any] = {"at": self.at(), "step": step, "from": data["status"],
                                 "to": to or TARGET[step], "actor": actor}
        if step in NOTES:
            entry["note"] = f"{step} note"
        merge(data, FIELDS.get(step, {}))
        merge(data, fields or {})
        data["history"].append(entry)
        data["status"] = entry["to"]
        self.write(case_id, data)
        return self.commit(f"{case_id}: {entry['from']} → {entry['to']}",
                           self.trailers(case_id, step, trailer_actor or actor),
                           actor if signer == "" else signer)

    def run(self, case_id: str, steps: list[tuple[str, str]]) -> None:
        for step, actor in steps:
            self.step(case_id, step, actor)


HAPPY = [("acknowledge", "s-zhao"), ("accept", "s-sun"), ("assign", "s-sun"),
         ("propose", "s-wu"), ("approve", "s-li"), ("respond", "s-zhao"), ("close", "s-qian")]


def new_trail(tmp: Path) -> Trail:
    return Trail(create_org_repo(tmp / "org", tmp / "keys",
                                 committer_date="2025-12-01T09:00:00+08:00"))
