"""One-off: case files from a single decision/response/satisfaction/appeal to lists.

Replays each history to rebuild one entry per round, with times and actors
from the steps; the last entry of each list keeps the file's content. Earlier
rounds of the demo data, overwritten before the lists existed, are written
out below (invented demo content like the rest). Run: python scripts/migrate-records.py FILE...
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from complaints.workflow.edit import load

EARLIER: dict[tuple[str, str, int], dict[str, Any]] = {
    ("C-2025-0004", "decisions", 0): {"finding": "not_upheld", "remedies": ["explanation"],
        "rationale": "复检结果低于标准限值，不合格结论成立；委托方自检数据与本实验室方法不可比。"},
    ("C-2026-0012", "decisions", 0): {"finding": "not_upheld", "remedies": ["explanation"],
        "rationale": "最终收费与合同所附报价单一致。"},
    ("C-2025-0012", "decisions", 0): {"finding": "not_upheld", "remedies": ["explanation"],
        "rationale": "Quality control for the batch passed and the result was reported as measured."},
    ("C-2025-0020", "decisions", 0): {"finding": "not_upheld", "remedies": ["explanation"],
        "rationale": "样品管理室登记记录显示补样晚于约定日期送达，报告延期的责任不在实验室。"},
    ("C-2026-0011", "decisions", 0): {"finding": "not_upheld", "remedies": ["explanation"],
        "rationale": "复检结果与原检测一致，色谱条件和质控符合方法要求，原结论有效。"},
    ("C-2025-0007", "responses", 0): {"channel": "letter",
        "summary": "书面告知核查结论：浊度仪校准和平行样记录正常，原检测结果有效。"},
    ("C-2025-0012", "responses", 0): {"channel": "email",
        "summary": "We explained that quality control passed and that the original result stood."},
    ("C-2025-0020", "responses", 0): {"channel": "letter",
        "summary": "书面告知：按补样登记时间计算，报告在约定周期内出具。"},
    ("C-2026-0006", "responses", 0): {"channel": "letter",
        "summary": "书面告知核查结论：按标准规定的换算系数计算，原检测结果有效。"},
    ("C-2026-0011", "responses", 0): {"channel": "letter",
        "summary": "书面告知核查结论：复检结果与原检测一致，维持原报告。"},
    ("C-2025-0007", "satisfaction", 0): {"accepted": False, "score": 2},
    ("C-2025-0020", "satisfaction", 0): {"accepted": False, "score": 2},
    ("C-2026-0011", "satisfaction", 0): {"accepted": False, "score": 1},
}
CONTENT = {"decisions": ("finding", "remedies", "rationale"), "responses": ("channel", "summary"),
           "satisfaction": ("accepted", "score"), "appeals": ("grounds",)}
OLD = {"decisions": "decision", "responses": "response", "satisfaction": "satisfaction",
       "appeals": "appeal"}


def rounds(data: Any) -> dict[str, list[dict[str, Any]]]:
    final = {key: dict(data.get(old) or {}) for key, old in OLD.items()}
    out: dict[str, list[dict[str, Any]]] = {key: [] for key in OLD}
    for h in data["history"]:
        step, at, actor = h["step"], h["at"], h["actor"]
        if step == "propose":
            out["decisions"].append({"proposed_by": actor, "proposed": at})
        elif step == "send_back":
            out["decisions"][-1]["sent_back"] = at
        elif step == "approve":
            out["decisions"][-1].update(approved_by=actor, decided=at)
        elif step == "review":
            out["appeals"][-1].update(reviewer=actor, reviewed=at)
            if final["appeals"].get("outcome") == "revised":
                out["decisions"].append({"decided": at})
        elif step == "respond":
            out["responses"].append({"sent": at})
        elif step == "close":
            out["satisfaction"].append({"answered": at})
        elif step == "appeal":
            out["appeals"].append({"lodged": at})
    if final["appeals"] and not out["appeals"]:  # an appeal without its step (imported)
        out["appeals"].append({})
    if final["decisions"] and not out["decisions"]:
        out["decisions"].append({k: final["decisions"][k] for k in ("proposed_by", "approved_by",
                                                                   "decided") if k in final["decisions"]})
    for key, entries in out.items():
        for i, entry in enumerate(entries):
            content = (final[key] if i == len(entries) - 1
                       else EARLIER.get((data["id"], key, i)))
            if content is None:  # a test example: its one content serves every round
                content = final[key]
            fields = {k: content[k] for k in CONTENT[key] if k in content}
            if key == "appeals" and "outcome" in final[key] and i == len(entries) - 1:
                fields["outcome"] = final[key]["outcome"]
            entries[i] = {**fields, **entry}
    return {k: v for k, v in out.items() if v}


def migrate(path: Path) -> None:
    edit = load(path.read_text("utf-8"))
    if not any(old in edit.data for old in OLD.values() if old != "satisfaction") and not (
            isinstance(edit.data.get("satisfaction"), dict)):
        return
    new = rounds(edit.data)
    for old in OLD.values():
        edit.data.pop(old, None)
    for key, entries in new.items():
        edit.set(key, [order(key, entry) for entry in entries])
    path.write_text(edit.text(), "utf-8")


def order(key: str, entry: dict[str, Any]) -> dict[str, Any]:
    from complaints.workflow.edit import schema_order
    names = schema_order((key,))
    return {k: entry[k] for k in sorted(entry, key=names.index)}


if __name__ == "__main__":
    for name in sys.argv[1:]:
        try:
            migrate(Path(name))
        except Exception as exc:  # a deliberately broken example stays as it is
            print(f"{name}: left as it is ({type(exc).__name__})", file=sys.stderr)
