"""Published complaint data per half-year, in the form regulators ask for."""

from __future__ import annotations

from complaints.site.context import Ctx
from complaints.site.i18n import t
from complaints.site.md import table
from complaints.site.numbers import percent

NOTE = {
    "zh": "“收到”按收到日期计，“办结”按进入终结状态（结案、不予受理、转交、撤回）的日期计。"
          "投诉成立比例以已作出结论的办结案件为分母，部分成立计为成立。",
    "en": "Opened counts complaints received in the period; closed counts those that reached a "
          "final state (closed, not accepted, referred, withdrawn) in it. The upheld share is taken "
          "over closed complaints with a finding, counting partly upheld as upheld.",
}


def published(ctx: Ctx, lang: str) -> str:
    rows = []
    for p in ctx.stats["periods"]:
        causes = "; ".join(f"{ctx.label('categories', m['category'], lang)} ({m['count']})"
                           for m in p["main_causes"]) or "—"
        rows.append([
            p["period"], str(p["opened"]), str(p["closed"]),
            f"{p['closed_within_3_working_days']} ({percent(p['closed_within_3_working_days_share'])})",
            f"{p['closed_within_deadline']} ({percent(p['closed_within_deadline_share'])})",
            percent(p["upheld_share"]), causes,
        ])
    headers = [t("period", lang), t("opened", lang), t("closed", lang), t("closed_3wd", lang),
               t("closed_deadline", lang), t("upheld_share", lang), t("main_causes", lang)]
    body = table(headers, rows, "lrrrrrl") if rows else t("no_data", lang)
    return (f"# {t('published', lang)}\n\n{NOTE[lang]}\n\n{body}\n\n"
            f"{t('as_of', lang, date=ctx.stats['as_of'])}\n")
