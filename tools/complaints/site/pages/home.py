"""Home page of each language: how to complain, key figures and the latest changes."""

from __future__ import annotations

from complaints.site.context import Ctx
from complaints.site.escape import inline
from complaints.site.i18n import num, t
from complaints.site.md import table, when
from complaints.site.numbers import percent
from complaints.site.pages.definitions import label, period_note

LATEST = 10
HEADLINE = {"zh": "{year} 年的数字（{note}）；各项定义见[统计](statistics.md)页。",
            "en": "Figures for {year} ({note}); each is defined on the "
                  "[statistics page](statistics.md)."}
OF = {"zh": "（{n} 件办结投诉）", "en": " (of {n} complaints closed after handling)"}
ANSWERS = {"zh": "（{n} 份回访答复）", "en": " ({n} follow-up answers)"}


def _card(value: str, label: str) -> str:
    return f"-   **{value}**\n\n    {label}"


def call_to_action(lang: str) -> str:
    """The way in for someone who has a complaint: the hand-written how-to-complain page
    (docs/<lang>/how-to-complain.md; MkDocs --strict fails the build if it is missing)."""
    return (f'<div class="call-to-action" markdown="1">\n\n{t("cta_lead", lang)} '
            f'[{t("how_to_complain", lang)}](how-to-complain.md)\n\n</div>')


def home(ctx: Ctx, lang: str) -> str:
    s, a = ctx.stats, ctx.stats["all"]
    y = s["years"][str(s["year"])]
    scope = HEADLINE[lang].format(year=s["year"], note=period_note(y["period"], s["as_of"], lang))
    cards = [
        _card(str(a["open_at_end"]), t("open_cases", lang)),
        _card(str(y["received"]), t("received_year", lang, year=s["year"])),
        _card(num(y["median_days_to_close"]), label("median_days_to_close", lang)
              + OF[lang].format(n=y["closed"])),
        _card(percent(y["closed_within_deadline_share"]), label("closed_within_deadline", lang)
              + OF[lang].format(n=y["closed"])),
        _card(percent(y["upheld_final_share"]), label("upheld_final", lang)
              + OF[lang].format(n=y["closed"])),
        _card(num(y["satisfaction"]["mean_score"]), t("satisfaction", lang) + " · "
              + t("mean_score", lang) + ANSWERS[lang].format(n=y["satisfaction"]["answers"])),
    ]
    titles = {c["id"]: c["title"] for c in ctx.cases}
    rows = [
        [when(at, ctx.policy), f"[{case_id}](cases/{case_id}.md)", inline(titles[case_id]),
         ctx.step_label(h["step"], lang), ctx.label("states", h["to"], lang)]
        for at, case_id, _, h in ctx.latest()[:LATEST]
    ]
    name = inline(ctx.policy.name.get(lang, ""))
    return "\n\n".join([
        f"---\ntitle: {t('home', lang)}\n---",
        f"# {name} · {t('site', lang)}",
        t("as_of", lang, date=s["as_of"]),
        call_to_action(lang),
        f"## {t('key_figures', lang)}",
        scope,
        '<div class="grid cards" markdown="1">\n\n' + "\n\n".join(cards) + "\n\n</div>",
        f"## {t('latest', lang)}",
        table([t("date", lang), t("case", lang), t("title", lang), t("step", lang),
               t("status", lang)], rows)
        if rows else t("no_data", lang),
        f"[{t('all_cases', lang)}](cases/index.md) · [{t('statistics', lang)}](statistics.md)"
        f" · [{t('published', lang)}](published-data.md) · [{t('verify', lang)}](verify.md)",
    ]) + "\n"

