"""Generate a large, fully signed, legal trail quickly (for bench and tests).

`git fast-import` writes the blobs and trees (it deltifies trees, which a
loop of `git commit` cannot do fast); the commits are then rewritten as
signed commit objects in process, signed with ed25519 keys exactly as
`ssh-keygen -Y sign` would, and written as one pack through `git index-pack`.
"""

from __future__ import annotations

import hashlib
import struct
import subprocess
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519
from ruamel.yaml import YAML

from complaints.signing.sshsig import sign_commit
from complaints.workflow.org import default_policy

STAFF = ("s-zhao", "s-qian", "s-sun", "s-li", "s-zhou", "s-wu", "s-zheng", "s-wang")
# (step, actor, to, extra YAML lines); each path is a legal walk through the default policy
PATHS: list[list[tuple[str, str, str, str]]] = [
    [("acknowledge", "s-zhao", "acknowledged", ""), ("accept", "s-sun", "accepted", ""),
     ("assign", "s-sun", "investigating", "investigator: s-wu\n"),
     ("propose", "s-wu", "decision_proposed",
      "decisions: [{finding: upheld, remedies: [retest], rationale: Retest confirmed it.}]\n"),
     ("send_back", "s-li", "investigating", ""),
     ("propose", "s-wu", "decision_proposed", ""),
     ("approve", "s-li", "decided", ""),
     ("respond", "s-zhao", "responded", "responses: [{summary: Explained., channel: email}]\n"),
     ("close", "s-qian", "closed", "satisfaction: [{accepted: true, score: 4}]\n")],
    [("acknowledge", "s-qian", "acknowledged", ""),
     ("decline", "s-sun", "not_accepted", "decline: {ground: out_of_scope}\n")],
    [("acknowledge", "s-zhao", "acknowledged", ""), ("accept", "s-sun", "accepted", ""),
     ("assign", "s-sun", "investigating", "investigator: s-li\n"),
     ("propose", "s-li", "decision_proposed",
      "decisions: [{finding: not_upheld, remedies: [explanation], rationale: Within spec.}]\n"),
     ("approve", "s-zheng", "decided", ""),
     ("respond", "s-zhao", "responded", "responses: [{summary: Explained., channel: phone}]\n"),
     ("appeal", "s-zhao", "under_review", "appeals: [{grounds: Disagrees.}]\n"),
     ("review", "s-wang", "decided", "appeals: [{grounds: Disagrees., outcome: revised}]\n"),
     ("respond", "s-qian", "responded", ""),
     ("close", "s-zhao", "closed", "satisfaction: [{accepted: true, score: 5}]\n"),
     ("reopen", "s-sun", "investigating", "")],
    [("acknowledge", "s-zhao", "acknowledged", ""),
     ("withdraw", "s-zhao", "withdrawn", "")],
]
NOTE = {"send_back", "withdraw", "reopen"}
# Walks that end in closed/investigating go on round this loop, so --steps can
# make cases as long as wanted (--steps 17 on 10,000 cases gives 100,000 commits).
LOOP = [("reopen", "s-sun", "investigating", ""), ("propose", "s-li", "decision_proposed", ""),
        ("approve", "s-zheng", "decided", ""), ("respond", "s-zhao", "responded", ""),
        ("close", "s-zhao", "closed", "")]


def walk(path: list[tuple[str, str, str, str]], length: int) -> list[tuple[str, str, str, str]]:
    """The first `length` steps of a path, continued round LOOP when it can go on."""
    out = list(path[:length])
    starts = [i for i, (_, _, to, _) in enumerate(LOOP) if to == path[-1][2]]
    if len(out) == len(path) and starts and path[-1][0] in ("close", "reopen"):
        i = (starts[0] + 1) % len(LOOP)
        while len(out) < length:
            out.append(LOOP[i])
            i = (i + 1) % len(LOOP)
    return out


@dataclass
class Generated:
    root: Path
    keys: dict[str, ed25519.Ed25519PrivateKey]
    commits: int
    cases: list[str]


def public_line(key: ed25519.Ed25519PrivateKey, name: str) -> str:
    raw = key.public_key().public_bytes(serialization.Encoding.OpenSSH,
                                        serialization.PublicFormat.OpenSSH)
    return f"{raw.decode()} {name}"


def write_private(key: ed25519.Ed25519PrivateKey, path: Path) -> None:
    path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                       serialization.PrivateFormat.OpenSSH,
                                       serialization.NoEncryption()))
    path.chmod(0o600)


def _policy_text(keys: dict[str, ed25519.Ed25519PrivateKey]) -> str:
    from io import StringIO

    yaml = YAML()
    yaml.width = 4096
    data = yaml.load(default_policy().read_text("utf-8"))
    for member in data["staff"]:
        member["keys"] = [public_line(keys[member["id"]], member["id"])]
    keys_on_roster = {m["id"] for m in data["staff"]}
    assert set(STAFF) <= keys_on_roster, "the generator's walks need the default roster"
    out = StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def _case_text(case_id: str, year: int, history: list[str], status: str, extra: str) -> str:
    received = f"{year}-03-01T09:00:00+08:00"
    return (f"id: {case_id}\ntitle: Generated complaint\nreceived: \"{received}\"\n"
            "channel: email\ncategory: report\nseverity: minor\nkind: complaint\n"
            "summary: A generated, anonymized complaint.\n"
            f"complainant: R-{case_id[2:].replace('-', '')}\n"
            f"subject: {{unit: Lab, staff: [s-zhou]}}\nstatus: {status}\n{extra}history:\n"
            + "".join(history))


def _events(n_cases: int, steps_per_case: int) -> Iterator[tuple[str, str, str, str, str]]:
    """(path, text, subject, step, actor) per commit; cases interleaved in rounds."""
    states = []
    for i in range(n_cases):
        year = 2017 + i % 10
        case_id = f"C-{year}-{i // 10 + 1:04d}"
        plan = walk(PATHS[i % len(PATHS)], max(steps_per_case - 1, 0))
        states.append([case_id, year, plan, 0, [], "received", ""])
    minute = 0
    for rnd in range(steps_per_case):
        for st in states:
            case_id, year, plan, done, history, status, extra = st
            if rnd > len(plan):
                continue
            minute += 1
            at = f"{year}-03-01T09:00:00+08:00" if rnd == 0 else \
                f"{year}-{3 + rnd // 8:02d}-{2 + rnd % 8 * 3:02d}T10:{minute % 60:02d}:00+08:00"
            if rnd == 0:
                step, actor, to = "intake", "s-zhao", "received"
                history.append(f'  - {{at: "{at}", step: intake, to: received, actor: s-zhao}}\n')
            else:
                step, actor, to, more = plan[rnd - 1]
                note = ", note: A note." if step in NOTE else ""
                history.append(f'  - {{at: "{at}", step: {step}, from: {status}, to: {to}, '
                               f"actor: {actor}{note}}}\n")
                key = more.split(":", 1)[0]
                if more and not extra.startswith(key) and f"\n{key}:" not in extra:
                    extra += more
                elif more:  # a later step rewrites that block
                    extra = "".join(line + "\n" for line in extra.splitlines()
                                    if not line.startswith(key + ":")) + more
            st[3], st[5], st[6] = done + 1, to, extra
            path = f"cases/{year}/{case_id}.yaml"
            yield (path, _case_text(case_id, year, history, to, extra),
                   f"{case_id}: {status if rnd else 'intake'} → {to}", step, actor)


def _pack_objects(objects: list[bytes]) -> bytes:
    out = [b"PACK", struct.pack(">II", 2, len(objects))]
    for data in objects:
        size = len(data)
        byte = (1 << 4) | (size & 0x0F)  # type 1 = commit
        size >>= 4
        header = bytearray()
        while size:
            header.append(byte | 0x80)
            byte, size = size & 0x7F, size >> 7
        header.append(byte)
        out += [bytes(header), zlib.compress(data, 1)]
    body = b"".join(out)
    return body + hashlib.sha1(body).digest()


def generate(root: Path, n_cases: int, steps_per_case: int = 10) -> Generated:
    """A repo at root: one signed policy commit, then every step a signed commit."""
    root.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    members = [m["id"] for m in YAML(typ="safe").load(default_policy().read_text("utf-8"))["staff"]]
    keys = {s: ed25519.Ed25519PrivateKey.from_private_bytes(hashlib.sha256(s.encode()).digest())
            for s in dict.fromkeys([*STAFF, *members])}
    policy = _policy_text(keys).encode()
    signers = "".join(f'{s} namespaces="git" {public_line(k, s)}\n' for s, k in keys.items())
    stream = subprocess.Popen(["git", "fast-import", "--quiet", "--done"], cwd=root,
                              stdin=subprocess.PIPE)
    assert stream.stdin is not None
    w = stream.stdin.write
    ts = 1_800_000_000  # 2027-01: after every history time the fixture writes (T125)
    cases: list[str] = []

    def commit(paths: dict[str, bytes], message: str, actor: str) -> None:
        nonlocal ts
        ts += 60
        msg = message.encode()
        w(f"commit refs/gen/unsigned\ncommitter {actor} <{actor}@staff.invalid> {ts} +0800\n"
          f"data {len(msg)}\n".encode() + msg + b"\n")
        for path, data in paths.items():
            w(f"M 100644 inline {path}\ndata {len(data)}\n".encode() + data + b"\n")

    commit({"complaints.yml": policy, "allowed_signers": signers.encode()},
           "policy: generated organization\n\nComplaint-Step: policy\nComplaint-Actor: s-qian\n",
           "s-qian")
    actors = ["s-qian"]
    for path, text, subject, step, actor in _events(n_cases, steps_per_case):
        case_id = path.rsplit("/", 1)[1][:-5]
        if step == "intake":
            cases.append(case_id)
        commit({path: text.encode()}, f"{subject}\n\nComplaint-Case: {case_id}\n"
               f"Complaint-Step: {step}\nComplaint-Actor: {actor}\n", actor)
        actors.append(actor)
    w(b"done\n")
    stream.stdin.close()
    if stream.wait() != 0:
        raise RuntimeError("git fast-import failed")
    _sign_all(root, keys, actors)
    subprocess.run(["git", "commit-graph", "write", "--reachable", "--changed-paths"], cwd=root,
                   check=True, capture_output=True)
    return Generated(root, keys, len(actors), cases)


def _sign_all(root: Path, keys: dict[str, ed25519.Ed25519PrivateKey], actors: list[str]) -> None:
    """Rewrite the unsigned chain as signed commit objects, one pack, then point main at it."""
    raw = subprocess.run(["git", "log", "--reverse", "--format=%T%x00%ct%x00%B%x01",
                          "refs/gen/unsigned"], cwd=root, capture_output=True, check=True).stdout
    records = [r for r in raw.split(b"\x01") if r.strip()]
    assert len(records) == len(actors), (len(records), len(actors))
    objects, parent = [], None
    for record, actor in zip(records, actors, strict=True):
        tree, ct, message = record.lstrip(b"\n").split(b"\x00", 2)
        who = f"{actor} <{actor}@staff.invalid> {ct.decode()} +0800".encode()
        payload = b"tree " + tree + b"\n" + (b"parent " + parent + b"\n" if parent else b"") \
            + b"author " + who + b"\ncommitter " + who + b"\n\n" + message.rstrip(b"\n") + b"\n"
        data = sign_commit(keys[actor], payload)
        objects.append(data)
        parent = hashlib.sha1(b"commit %d\x00" % len(data) + data).hexdigest().encode()
    subprocess.run(["git", "index-pack", "--stdin"], cwd=root, check=True,
                   input=_pack_objects(objects), capture_output=True)
    assert parent is not None
    subprocess.run(["git", "update-ref", "refs/heads/main", parent.decode()], cwd=root, check=True)
    subprocess.run(["git", "update-ref", "-d", "refs/gen/unsigned"], cwd=root, check=True)
    subprocess.run(["git", "reset", "-q", "--hard"], cwd=root, check=True)
