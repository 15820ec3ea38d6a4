"""Annual reports (seed 4.5: yearly analysis), with optional hand-written commentary.

Commentary lives in docs/commentary/<year>.<lang>.md or docs/commentary/<year>.md;
it is the organization's own Markdown and is merged in as written.
"""

from __future__ import annotations

from pathlib import Path

from complaints.site.context import Ctx
from complaints.site.escape import inline
from complaints.site.i18n import t
from complaints.site.md import table
from complaints.site.pages.definitions import period_note, section
from complaints.site.pages.stats import SHOWN, group_sections, summary

NOW = {"zh": "措施的状态为 {date} 的当前状态（年度结束后仍在跟进）。",
       "en": "Action states are as of {date}: actions are followed up after the year ends."}

COMMENTARY_DIR = Path("docs") / "commentary"


def commentary(root: Path, year: str, lang: str) -> str | None:
    for name in (f"{year}.{lang}.md", f"{year}.md"):
        path = root / COMMENTARY_DIR / name
        if path.is_file():
            return path.read_text("utf-8").strip()
    return None


def reports_index(ctx: Ctx, lang: str) -> str:
    rows = [[f"[{t('report_year', lang, year=y)}]({y}.md)", str(ctx.stats["years"][y]["received"])]
            for y in reversed(ctx.years())]
    body = table([t("reports", lang), t("opened", lang)], rows, "lr") if rows else t("no_data", lang)
    return f"# {t('reports', lang)}\n\n{body}\n"


def annual(ctx: Ctx, year: str, lang: str) -> str:
    g = ctx.stats["years"][year]
    causes = table([t("category", lang), t("count", lang)],
                   [[ctx.label("categories", m["category"], lang), str(m["count"])]
                    for m in g["main_causes"]], "lr") if g["main_causes"] else t("no_data", lang)
    acts = [(c["id"], a) for c in ctx.cases if str(ctx.facts[c["id"]].received_day.year) == year
            for a in c.get("actions", [])]
    act_rows = [[a["id"], f"[{cid}](../cases/{cid}.md)", t(a["kind"], lang),
                 inline(a["description"]), t(a["state"], lang)] for cid, a in acts]
    parts = [
        f"# {t('report_year', lang, year=year)}",
        period_note(g["period"], ctx.stats["as_of"], lang),
        "<div class=\"annual-summary\" markdown=\"1\">\n\n" + summary(g, lang) + "\n\n</div>",
        f"## {t('main_causes', lang)}", causes,
        *group_sections(ctx, g, lang, f"y{year}"),
        f"## {t('actions', lang)}",
        # Actions are followed up after the year ends: their state is today's, not frozen.
        NOW[lang].format(date=ctx.stats["as_of"]),
        table([t("action", lang), t("case", lang), t("action_kind", lang),
               t("description", lang), t("state", lang)], act_rows) if act_rows
        else t("no_data", lang),
    ]
    text = commentary(ctx.root, year, lang)
    if text:
        parts += [f"## {t('commentary', lang)}", text]
    parts.append(section(SHOWN, lang))
    return "\n\n".join(parts) + "\n"
