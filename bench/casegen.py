"""Synthetic, valid case files for the benchmarks.

Each case walks one of a few legal paths through the default workflow in
complaints.yml (roles, recusal and the director's approval of major cases
respected), with times in the past and free text in Chinese and English that
holds the report numbers, dates and amounts real cases do, but no personal data.
Files are written as text with JSON-quoted scalars, which is valid YAML and
fast to produce.
"""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

TZ = "+08:00"
START = datetime(2023, 1, 2, 9, 0, 0)  # every generated time lies long before today
SPAN = timedelta(days=3 * 365)
CATEGORIES = ("report", "procedure", "conduct", "billing", "sample", "facility")
CHANNELS = ("phone", "email", "web", "letter", "in_person", "social_media", "regulator")
INTAKE = ("s-zhao", "s-qian")
INVESTIGATORS = ("s-zhou", "s-wu", "s-li")
ZH = (
    "委托方反映报告 BG-{y}-{n:05d} 中铅含量结果与其自检结果差异较大，要求复检并说明原因。",
    "样品于{y}年{m}月{d}日送达，承诺 7 个工作日出具报告，实际用时 12 个工作日。",
    "客户对收费 1,280 元有异议，认为加急费未事先告知。",
    "前台人员答复态度生硬，未说明复检流程和时限。",
    "复检结果与原报告一致，偏差在方法允许范围 ±5% 以内。",
    "已按 GB/T 27025-2019 第 7.9 条处理，并于{y}-{m:02d}-{d:02d}书面答复。",
)
EN = (
    "The client says report BG-{y}-{n:05d} was issued late; the agreed turnaround was 5 days.",
    "Sample S-{y}-{n:05d} arrived on {y}-{m:02d}-{d:02d} with a broken seal, noted at receipt.",
    "The invoice of 2,450 CNY includes a rush fee that was not quoted in advance.",
    "Retest within the method's tolerance of 3.5% confirmed the original result.",
    "Staff at the desk could not explain the appeal procedure; a leaflet is now handed out.",
    "Handled under ISO/IEC 17025:2017 clause 7.9; see action A-{y}-{a:03d}.",
)


def _text(rng: random.Random, lang: str, when: datetime, n: int, sentences: int) -> str:
    pool = ZH if lang == "zh" else EN
    sep = "" if lang == "zh" else " "
    fill = {"y": when.year, "m": when.month, "d": when.day, "n": n, "a": n % 1000}
    return sep.join(rng.choice(pool).format(**fill) for _ in range(sentences))


def _q(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _steps(rng: random.Random, major: bool) -> tuple[list[tuple[str, str, str]], dict[str, str]]:
    """A legal walk: (step, actor, to) triples and the people in it."""
    intake, inv = rng.choice(INTAKE), rng.choice(INVESTIGATORS)
    approver = "s-zheng" if major else rng.choice([a for a in ("s-sun", "s-li", "s-zheng") if a != inv])
    people = {"investigator": inv, "approver": approver}
    head = [("acknowledge", intake, "acknowledged"), ("accept", "s-sun", "accepted"),
            ("assign", "s-sun", "investigating")]
    decide = [("propose", inv, "decision_proposed"), ("approve", approver, "decided")]
    answer = [("respond", intake, "responded"), ("close", intake, "closed")]
    kind = rng.choices(["closed", "open", "declined", "referred", "withdrawn", "appealed",
                        "sent_back", "reopened"], [50, 12, 8, 5, 5, 8, 7, 5])[0]
    if kind == "declined":
        return [("decline", "s-sun", "not_accepted")], people
    if kind == "referred":
        return [head[0], ("refer", "s-sun", "referred")], people
    if kind == "withdrawn":
        return [*head[:2], ("withdraw", intake, "withdrawn")], people
    if kind == "open":
        return head, people
    if kind == "sent_back":
        return [*head, decide[0], ("send_back", approver, "investigating"), *decide, *answer], people
    if kind == "appealed":
        people["reviewer"] = "s-wang"
        return [*head, *decide, answer[0], ("appeal", intake, "under_review"),
                ("review", "s-wang", "decided"), *answer], people
    if kind == "reopened":
        return [*head, *decide, *answer, ("reopen", "s-sun", "investigating")], people
    return [*head, *decide, *answer], people


def case_text(rng: random.Random, year: int, seq: int, received: datetime) -> str:
    """One case file's YAML text."""
    case_id = f"C-{year}-{seq:05d}"
    lang = rng.choice(("zh", "en"))
    major = rng.random() < 0.1
    steps, people = _steps(rng, major)
    times = [received]
    for _ in steps:
        times.append(times[-1] + timedelta(hours=rng.randint(2, 96), seconds=rng.randint(0, 59)))
    at = [t.strftime("%Y-%m-%dT%H:%M:%S") + TZ for t in times]
    lines = [
        f"id: {case_id}",
        f"title: {_q(_text(rng, lang, received, seq, 1)[:150])}",
        f"language: {lang}", f"received: {_q(at[0])}",
        f"channel: {rng.choice(CHANNELS)}", f"category: {rng.choice(CATEGORIES)}",
        f"severity: {'major' if major else 'minor'}", "kind: complaint",
        f"summary: {_q(_text(rng, lang, received, seq, rng.randint(2, 5)))}",
        f"remedy_sought: {_q(_text(rng, lang, received, seq, 1))}",
        f"complainant: R-{rng.randrange(16**4):04X}{year % 100:02d}{seq:06d}",  # unique per case
        "subject:", f"  unit: {_q('样品室' if lang == 'zh' else 'Sample reception')}",
        "  staff: [s-qian]", f"  report: BG-{year}-{seq:05d}",
        f"status: {steps[-1][2] if steps else 'received'}",
    ]
    names = [s for s, _, _ in steps]
    if "assign" in names:
        lines.append(f"investigator: {people['investigator']}")
    if "decline" in names:
        lines += ["decline:", "  ground: out_of_scope"]
    if "refer" in names:
        lines += ["referral:", f"  body: {_q('市场监督管理局')}", "  reference: 12315-2025-000123"]
    if "propose" in names:
        approval = ([f"    approved_by: {people['approver']}",
                     f"    decided: {_q(at[names.index('approve') + 1])}"] if "approve" in names else [])
        last = len(names) - names[::-1].index("propose")  # the last proposal's entry
        lines += ["decisions:"]
        if "send_back" in names:
            lines += ["  - finding: upheld", f"    proposed: {_q(at[names.index('propose') + 1])}",
                      f"    sent_back: {_q(at[names.index('send_back') + 1])}"]
        lines += ["  - finding: partly_upheld", "    remedies: [retest, explanation]",
                  f"    rationale: {_q(_text(rng, lang, received, seq, 3))}",
                  f"    proposed_by: {people['investigator']}",
                  f"    proposed: {_q(at[last])}", *approval,
                  "actions:", f"  - id: A-{year}-{seq:05d}", "    kind: corrective",
                  f"    description: {_q(_text(rng, lang, received, seq, 1))}",
                  "    owner: s-sun", f"    due: {_q(times[-1].date().isoformat())}", "    state: done"]
    if "respond" in names:
        lines += ["responses:", f"  - sent: {_q(at[names.index('respond') + 1])}",
                  "    channel: letter", f"    summary: {_q(_text(rng, lang, received, seq, 2))}"]
    if "close" in names:
        lines += ["satisfaction:", "  - accepted: true", f"    score: {rng.randint(1, 5)}",
                  f"    answered: {_q(at[names.index('close') + 1])}"]
    if "appeal" in names:
        reviewed = ([f"    reviewed: {_q(at[names.index('review') + 1])}", "    outcome: original_upheld",
                     "    reviewer: s-wang"] if "review" in names else [])
        lines += ["appeals:", f"  - lodged: {_q(at[names.index('appeal') + 1])}",
                  f"    grounds: {_q(_text(rng, lang, received, seq, 2))}", *reviewed]
    lines += ["history:", f"  - {{at: {_q(at[0])}, step: intake, to: received, actor: {INTAKE[0]}}}"]
    state = "received"
    for i, (step, actor, to) in enumerate(steps, start=1):
        note = f", note: {_q(_text(rng, lang, times[i], seq, 1))}"
        lines.append(f"  - {{at: {_q(at[i])}, step: {step}, from: {state}, to: {to}, "
                     f"actor: {actor}{note}}}")
        state = to
    return "\n".join(lines) + "\n"


def write_cases(root: Path, count: int, seed: int = 7) -> list[Path]:
    """Write `count` cases under root/cases/<year>/, spread evenly over three years."""
    rng = random.Random(seed)
    paths: list[Path] = []
    seqs: dict[int, int] = {}
    last = datetime.now(UTC).replace(tzinfo=None) - timedelta(days=120)
    for i in range(count):
        received = min(START + SPAN * i / max(count, 1), last)
        received = received.replace(microsecond=0)
        seq = seqs[received.year] = seqs.get(received.year, 0) + 1
        folder = root / "cases" / str(received.year)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"C-{received.year}-{seq:05d}.yaml"
        path.write_text(case_text(rng, received.year, seq, received), "utf-8")
        paths.append(path)
    return paths
