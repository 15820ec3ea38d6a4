"""A case's record on its page: every decision, response, answer and appeal, in order.

Nothing is overwritten (load.records): the original decision, the appeal and
the revision all show, each with what became of it, so a reader sees why the
finding that counts is the one it is.
"""

from __future__ import annotations

from typing import Any

from complaints.figures.compute import appeal_outcome
from complaints.load.records import entries
from complaints.procedure.clock import parse_time
from complaints.site.context import Ctx
from complaints.site.escape import inline
from complaints.site.i18n import t
from complaints.site.md import COLON, SEP, item, when

WORDS = {
    "proposed": ("提出", "Proposed"), "pending": ("待批准", "Awaiting approval"),
    "sent_back": ("已退回，此意见不再有效", "Sent back: this proposal no longer stands"),
    "approved": ("已批准", "Approved"), "revised": ("申诉复核后改为", "Revised on appeal"),
    "superseded": ("已被申诉复核改变", "Replaced on appeal"), "responses": ("答复", "Responses"),
    "decisions": ("处理结论", "Decisions"), "withdrawn": ("申诉期间撤回", "Withdrawn during review"),
}


def word(key: str, lang: str) -> str:
    zh, en = WORDS[key]
    return zh if lang == "zh" else en


def _day(ctx: Ctx, stamp: Any) -> str:
    return when(parse_time(stamp), ctx.policy) if isinstance(stamp, str) else "—"


def _state(ctx: Ctx, decisions: list[dict[str, Any]], i: int, lang: str) -> str:
    d = decisions[i]
    if d.get("sent_back"):
        return f"{word('sent_back', lang)} ({_day(ctx, d['sent_back'])})"
    if not d.get("decided"):
        return word("pending", lang)
    later = [x for x in decisions[i + 1:] if x.get("decided")]
    kind = "revised" if not d.get("proposed") and i else "approved"
    text = f"{word(kind, lang)} {_day(ctx, d['decided'])}"
    return text + (f"{SEP}{word('superseded', lang)}" if later else "")


def decisions(ctx: Ctx, case: dict[str, Any], lang: str) -> list[str]:
    found = entries(case, "decisions")
    out = []
    for i, d in enumerate(found):
        head = f"{i + 1}. {ctx.label('findings', d['finding'], lang)}{SEP}{_state(ctx, found, i, lang)}"
        lines = [head]
        if d.get("proposed"):
            lines.append(f"    - {word('proposed', lang)}{COLON[lang]}{_day(ctx, d['proposed'])}")
        remedies = ("、" if lang == "zh" else ", ").join(
            ctx.label("remedies", r, lang) for r in d.get("remedies", []))
        if remedies:
            lines.append(f"    - {t('remedies', lang)}{COLON[lang]}{remedies}")
        if d.get("rationale"):
            lines.append(f"    - {t('rationale', lang)}{COLON[lang]}{inline(d['rationale'])}")
        out.append("\n".join(lines))
    return [f"## {word('decisions', lang)}", "\n".join(out)] if out else []


def follow_up(ctx: Ctx, case: dict[str, Any], lang: str) -> list[str]:
    items = []
    for r in entries(case, "responses"):
        items.append(item(f"{t('response', lang)} {_day(ctx, r.get('sent'))}",
                           inline(r.get("summary", "")), lang))
    for a in entries(case, "satisfaction"):
        yes = t("yes" if a.get("accepted") else "no", lang)
        score = f"{SEP}{t('score', lang)} {a['score']}/5" if "score" in a else ""
        items.append(item(f"{t('accepted_outcome', lang)} {_day(ctx, a.get('answered'))}",
                           yes + score, lang))
    return [f"## {word('responses', lang)}", "\n".join(items)] if items else []


def appeals(ctx: Ctx, case: dict[str, Any], lang: str) -> list[str]:
    out = []
    for i, a in enumerate(entries(case, "appeals")):
        outcome = appeal_outcome(case, i, ctx.policy)
        shown = word("withdrawn", lang) if outcome == "withdrawn" else t(outcome, lang)
        items = [item(t("date", lang), _day(ctx, a.get("lodged")), lang)]
        if a.get("grounds"):
            items.append(item(t("grounds", lang), inline(a["grounds"]), lang))
        reviewed = f" ({_day(ctx, a['reviewed'])})" if a.get("reviewed") else ""
        items.append(item(t("appeal_outcome", lang), shown + reviewed, lang))
        out += [f"## {t('appeal', lang)} {i + 1}" if i else f"## {t('appeal', lang)}", "\n".join(items)]
    return out
