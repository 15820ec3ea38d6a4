"""One page per case: summary, timeline with commit links, deadlines, outcome.

Staff appear only as the role a step needs, never by id or name.
"""

from __future__ import annotations

from typing import Any

from ..clock import parse_time
from .context import Ctx
from .escape import block, inline
from .i18n import t
from .md import table, when


def _limit(ctx: Ctx, name: str, lang: str) -> str:
    d = ctx.policy.deadlines[name]
    return t("working_days" if d.working_days else "calendar_days", lang, n=d.amount)


def _commit_link(ctx: Ctx, commit: str | None) -> str:
    if not commit:
        return ""
    url = ctx.policy.commit_url
    short = f"`{commit[:10]}`"
    return f"[{short}]({url.replace('{commit}', commit)})" if url else short


def _role(ctx: Ctx, step: str, lang: str) -> str:
    transition = ctx.policy.transitions.get(step)
    role = transition.role if transition else "intake"
    return ctx.label("roles", role, lang)


def _timeline(ctx: Ctx, case: dict[str, Any], lang: str) -> str:
    commits = ctx.trail.commits_for(case)
    rows = []
    for entry, commit in zip(case["history"], commits, strict=True):
        step = ctx.step_label(entry["step"], lang)
        if entry.get("imported"):
            step += " " + t("imported", lang)
        rows.append([
            when(parse_time(entry["at"]), ctx.policy, with_time=True), step,
            ctx.label("states", entry["to"], lang), _role(ctx, entry["step"], lang),
            inline(entry.get("note", "")), _commit_link(ctx, commit),
        ])
    return table([t("date", lang), t("step", lang), t("status", lang), t("role", lang),
                  t("note", lang), t("commit", lang)], rows)


def _deadlines(ctx: Ctx, case_id: str, lang: str) -> str:
    rows = [
        [ctx.clock_label(c, lang), _limit(ctx, c.name, lang), c.due.isoformat(),
         when(c.stopped, ctx.policy) if c.stopped else "—", f"**{t(c.outcome, lang)}**"]
        for c in ctx.facts[case_id].clocks
    ]
    if not rows:
        return t("no_data", lang)
    return table([t("clock", lang), t("limit", lang), t("due", lang), t("stopped", lang),
                  t("outcome", lang)], rows)


def _outcome(ctx: Ctx, case: dict[str, Any], lang: str) -> list[str]:
    out = []
    if "decline" in case:
        out.append(f"**{t('decline', lang)}:** "
                   + ctx.label("decline_grounds", case["decline"]["ground"], lang))
    if "referral" in case:
        out.append(f"**{t('referral', lang)}:** {inline(case['referral']['body'])}")
    decision = case.get("decision", {})
    if decision.get("finding"):
        remedies = "、" if lang == "zh" else ", "
        out.append(f"**{t('finding', lang)}:** "
                   + ctx.label("findings", decision["finding"], lang))
        out.append(f"**{t('remedies', lang)}:** " + remedies.join(
            ctx.label("remedies", r, lang) for r in decision.get("remedies", [])))
        if decision.get("rationale"):
            out.append(f"**{t('rationale', lang)}:** {inline(decision['rationale'])}")
    response = case.get("response", {})
    if response.get("summary"):
        out.append(f"**{t('response', lang)}:** {inline(response['summary'])}")
    satisfaction = case.get("satisfaction")
    if satisfaction:
        yes = t("yes" if satisfaction.get("accepted") else "no", lang)
        score = f" · {t('score', lang)}: {satisfaction['score']}/5" if "score" in satisfaction else ""
        out.append(f"**{t('accepted_outcome', lang)}:** {yes}{score}")
    return out


def _appeal(ctx: Ctx, case: dict[str, Any], lang: str) -> list[str]:
    appeal = case.get("appeal")
    if not appeal:
        return []
    lines = [f"## {t('appeal', lang)}"]
    if "lodged" in appeal:
        lines.append(f"**{t('date', lang)}:** {when(parse_time(appeal['lodged']), ctx.policy)}")
    if appeal.get("grounds"):
        lines.append(f"**{t('grounds', lang)}:** {inline(appeal['grounds'])}")
    lines.append(f"**{t('appeal_outcome', lang)}:** {t(appeal.get('outcome', 'pending'), lang)}")
    return lines


def _actions(case: dict[str, Any], lang: str) -> list[str]:
    acts = case.get("actions", [])
    if not acts:
        return []
    rows = [[a["id"], t(a["kind"], lang), inline(a["description"]), a.get("due", "—"),
             t(a["state"], lang)] for a in acts]
    return [f"## {t('actions', lang)}", table(
        [t("action", lang), t("action_kind", lang), t("description", lang), t("due", lang),
         t("state", lang)], rows)]


def case_page(ctx: Ctx, case: dict[str, Any], lang: str) -> str:
    facts = ctx.facts[case["id"]]
    label = ctx.label
    meta = table([t("status", lang), t("category", lang), t("channel", lang),
                  t("severity", lang), t("received", lang)], [[
        f"**{label('states', case['status'], lang)}**", label("categories", case["category"], lang),
        label("channels", case["channel"], lang), label("severities", case["severity"], lang),
        facts.received_day.isoformat()]])
    parts = [
        f"---\ntitle: {case['id']}\n---", f"# {case['id']}", f"**{inline(case['title'])}**", meta,
        f"## {t('summary', lang)}", block(case["summary"]),
    ]
    if case.get("remedy_sought"):
        parts += [f"## {t('remedy_sought', lang)}", block(case["remedy_sought"])]
    parts += [f"## {t('timeline', lang)}", _timeline(ctx, case, lang),
              f"## {t('deadlines', lang)}", _deadlines(ctx, case["id"], lang)]
    outcome = _outcome(ctx, case, lang)
    if outcome:
        parts += [f"## {t('decision', lang)}", "\n\n".join(outcome)]
    parts += _appeal(ctx, case, lang) + _actions(case, lang)
    parts.append(f"[← {t('back', lang)}](index.md)")
    return "\n\n".join(parts) + "\n"
