"""Annual reports (seed 4.5: yearly analysis), with optional hand-written commentary.

Commentary lives in docs/commentary/<year>.<lang>.md or docs/commentary/<year>.md;
it is the organization's own Markdown and is merged in as written.
"""

from __future__ import annotations

from pathlib import Path

from complaints.site.context import Ctx
from complaints.site.escape import inline
from complaints.site.i18n import num, t
from complaints.site.md import table
from complaints.site.numbers import percent
from complaints.site.pages.stats import group_sections

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
    summary = table(
        [t("opened", lang), t("closed", lang), t("open_cases", lang), t("median_close", lang),
         t("on_time", lang), t("upheld_share", lang)],
        [[str(g["received"]), str(g["closed"]), str(g["open"]), num(g["median_days_to_close"]),
          percent(g["closed_on_time_share"]), percent(g["upheld_share"])]], "rrrrrr")
    causes = table([t("category", lang), t("count", lang)],
                   [[ctx.label("categories", m["category"], lang), str(m["count"])]
                    for m in g["main_causes"]], "lr") if g["main_causes"] else t("no_data", lang)
    acts = [(c["id"], a) for c in ctx.cases if str(ctx.facts[c["id"]].received_day.year) == year
            for a in c.get("actions", [])]
    act_rows = [[a["id"], f"[{cid}](../cases/{cid}.md)", t(a["kind"], lang),
                 inline(a["description"]), t(a["state"], lang)] for cid, a in acts]
    parts = [
        f"# {t('report_year', lang, year=year)}",
        "<div class=\"annual-summary\" markdown=\"1\">\n\n" + summary + "\n\n</div>",
        f"## {t('main_causes', lang)}", causes,
        *group_sections(ctx, g, lang, f"y{year}"),
        f"## {t('actions', lang)}",
        table([t("action", lang), t("case", lang), t("action_kind", lang),
               t("description", lang), t("state", lang)], act_rows) if act_rows
        else t("no_data", lang),
    ]
    text = commentary(ctx.root, year, lang)
    if text:
        parts += [f"## {t('commentary', lang)}", text]
    parts.append(t("as_of", lang, date=ctx.stats["as_of"]))
    return "\n\n".join(parts) + "\n"
