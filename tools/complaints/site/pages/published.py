"""Published complaint data per half-year, in the form regulators ask for (FCA DISP 1.10A)."""

from __future__ import annotations

from complaints.site.context import Ctx
from complaints.site.i18n import t
from complaints.site.md import table
from complaints.site.numbers import percent
from complaints.site.pages.definitions import PROVISIONAL, label, section

SHOWN = ["received", "closed", "ended_without_decision", "closed_within_3_working_days",
         "closed_within_deadline", "upheld_final", "by_category"]


def published(ctx: Ctx, lang: str) -> str:
    rows, cause_rows = [], []
    for p in ctx.stats["periods"]:
        causes = "; ".join(f"{ctx.label('categories', m['category'], lang)} ({m['count']})"
                           for m in p["main_causes"]) or "—"
        name = p["period"]["name"] + ("" if p["period"]["final"] else f" ({PROVISIONAL[lang]})")
        cause_rows.append([name, causes])
        rows.append([
            name, str(p["received"]), str(p["closed"]), str(p["ended_without_decision"]["total"]),
            f"{p['closed_within_3_working_days']} ({percent(p['closed_within_3_working_days_share'])})",
            f"{p['closed_within_deadline']} ({percent(p['closed_within_deadline_share'])})",
            f"{p['upheld_final']} ({percent(p['upheld_final_share'])})",
        ])
    headers = [t("period", lang), *(label(n, lang) for n in SHOWN[:-1])]
    body = (table(headers, rows, "lrrrrrr") + f"\n\n## {t('main_causes', lang)}\n\n"
            + table([t("period", lang), t("main_causes", lang)], cause_rows, "ll")
            if rows else t("no_data", lang))
    return (f"# {t('published', lang)}\n\n{body}\n\n{section(SHOWN, lang)}\n\n"
            f"{t('as_of', lang, date=ctx.stats['as_of'])}\n")
