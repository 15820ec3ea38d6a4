"""One page per case: summary, timeline with commit links, deadlines, outcome.

Staff appear only as the role a step needs, never by id or name. There is a
page per case and language, and their build time is most of the site's, so the
page is the cheapest Markdown that reads well: short lines and lists, no tables
(inline patterns run once per cell), no bold (Python-Markdown's strong pattern
cost a millisecond a page), no raw HTML (it sends the page through an HTML
parser); overrides/case.html adds the language link and the title's style.
Case pages stay out of the site search: Material's search index is fetched by
every page view, and with the cases in it grew by ~0.9 KB a case (909 KB at
1,000 cases). Readers find a case with the case index's filter instead
(cases/?filter=C-2025-0001 opens it filtered).
"""

from __future__ import annotations

from typing import Any

from complaints.procedure.clock import parse_time
from complaints.site.context import Ctx
from complaints.site.escape import block, inline
from complaints.site.i18n import t
from complaints.site.md import COLON, SEP, item, when
from complaints.site.pages import record


def _limit(ctx: Ctx, name: str, lang: str) -> str:
    d = ctx.policy.deadlines[name]
    return t({"days": "calendar_days"}.get(d.unit, d.unit), lang, n=d.amount)


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
    """One numbered line per step: date · step → status · role [· note] [· commit]."""
    items = []
    for n, (entry, commit) in enumerate(zip(case["history"], ctx.trail.commits_for(case),
                                            strict=True), start=1):
        step = ctx.step_label(entry["step"], lang)
        if entry.get("imported"):
            step += " " + t("imported", lang)
        parts = [when(parse_time(entry["at"]), ctx.policy, with_time=True),
                 f"{step} → {ctx.label('states', entry['to'], lang)}",
                 _role(ctx, entry["step"], lang)]
        if entry.get("note"):
            parts.append(inline(entry["note"]))
        if commit:
            parts.append(_commit_link(ctx, commit))
        items.append(f"{n}. " + SEP.join(parts))
    return "\n".join(items)


def _deadlines(ctx: Ctx, case_id: str, lang: str) -> str:
    """One line per clock: name (limit): due [estimated] · done · outcome [· paused N days]."""
    opening, closing = ("（", "）：") if lang == "zh" else (" (", "): ")
    items = [
        f"- {ctx.clock_label(c, lang)}{opening}{_limit(ctx, c.name, lang)}{closing}"
        + SEP.join([f"{t('due', lang)} {c.due.isoformat()}" + (t("estimated", lang) if c.estimated else ""),
                    f"{t('stopped', lang)} {when(c.stopped, ctx.policy) if c.stopped else '—'}",
                    t(c.outcome, lang),
                    *([t("paused_days", lang, n=c.paused_days)] if c.pauses else [])])
        for c in ctx.facts[case_id].all_clocks
    ]
    return "\n".join(items) if items else t("no_data", lang)


def _outcome(ctx: Ctx, case: dict[str, Any], lang: str) -> list[str]:
    out = []
    if "decline" in case:
        out.append(item(t("decline", lang), ctx.label("decline_grounds", case["decline"]["ground"], lang),
                         lang))
    if "referral" in case:
        out.append(item(t("referral", lang), inline(case["referral"]["body"]), lang))
    return out


def _actions(case: dict[str, Any], lang: str) -> list[str]:
    acts = case.get("actions", [])
    if not acts:
        return []
    items = [item(f"{a['id']} · {t(a['kind'], lang)}", inline(a["description"]), lang)
             + f"{SEP}{t('due', lang)} {a.get('due', '—')}{SEP}{t(a['state'], lang)}"
             for a in acts]
    return [f"## {t('actions', lang)}", "\n".join(items)]


def case_page(ctx: Ctx, case: dict[str, Any], lang: str) -> str:
    facts = ctx.facts[case["id"]]
    label = ctx.label
    colon = COLON[lang]
    meta = SEP.join([
        f"{t('status', lang)}{colon}{label('states', case['status'], lang)}",
        f"{t('category', lang)}{colon}{label('categories', case['category'], lang)}",
        f"{t('channel', lang)}{colon}{label('channels', case['channel'], lang)}",
        f"{t('severity', lang)}{colon}{label('severities', case['severity'], lang)}",
        f"{t('received', lang)}{colon}{facts.received_day.isoformat()}"])
    written = case.get("language")
    if written and written != lang:  # the reader sees the complainant's words untranslated
        meta += f"{SEP}{t('written_in', lang, language=t('lang_' + written, lang))}"
    parts = [
        f"---\ntemplate: case.html\ntitle: {case['id']}\nsearch: {{exclude: true}}\n---",
        f"# {case['id']}",
        inline(case["title"]), meta,
        f"## {t('summary', lang)}", block(case["summary"]),
    ]
    if case.get("remedy_sought"):
        parts += [f"## {t('remedy_sought', lang)}", block(case["remedy_sought"])]
    parts += [f"## {t('timeline', lang)}", _timeline(ctx, case, lang),
              f"## {t('deadlines', lang)}", _deadlines(ctx, case["id"], lang)]
    outcome = _outcome(ctx, case, lang)
    if outcome:
        parts += [f"## {t('decision', lang)}", "\n".join(outcome)]
    parts += record.decisions(ctx, case, lang) + record.follow_up(ctx, case, lang)
    parts += record.appeals(ctx, case, lang) + _actions(case, lang)
    parts.append(f"[← {t('back', lang)}](index.md)")
    return "\n\n".join(parts) + "\n"
