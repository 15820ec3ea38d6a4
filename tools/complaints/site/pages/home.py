"""Home page of each language: how to complain, key figures and the latest changes."""

from __future__ import annotations

from complaints.site.context import Ctx
from complaints.site.escape import inline
from complaints.site.i18n import num, t
from complaints.site.md import table, when
from complaints.site.numbers import percent

LATEST = 10


def _card(value: str, label: str) -> str:
    return f"-   **{value}**\n\n    {label}"


def call_to_action(lang: str) -> str:
    """The way in for someone who has a complaint: the hand-written how-to-complain page
    (docs/<lang>/how-to-complain.md; MkDocs --strict fails the build if it is missing)."""
    return (f'<div class="call-to-action" markdown="1">\n\n{t("cta_lead", lang)} '
            f'[{t("how_to_complain", lang)}](how-to-complain.md)\n\n</div>')


def home(ctx: Ctx, lang: str) -> str:
    s, a = ctx.stats, ctx.stats["all"]
    cards = [
        _card(str(a["open"]), t("open_cases", lang)),
        _card(str(s["received_this_year"]), t("received_year", lang, year=s["year"])),
        _card(num(a["median_days_to_close"]), t("median_close", lang)),
        _card(percent(a["closed_on_time_share"]), t("on_time", lang)),
        _card(percent(a["upheld_share"]), t("upheld_share", lang)),
        _card(num(a["satisfaction"]["mean_score"]), t("satisfaction", lang) + " · "
              + t("mean_score", lang)),
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
        '<div class="grid cards" markdown="1">\n\n' + "\n\n".join(cards) + "\n\n</div>",
        f"## {t('latest', lang)}",
        table([t("date", lang), t("case", lang), t("title", lang), t("step", lang),
               t("status", lang)], rows)
        if rows else t("no_data", lang),
        f"[{t('all_cases', lang)}](cases/index.md) · [{t('statistics', lang)}](statistics.md)"
        f" · [{t('published', lang)}](published-data.md) · [{t('verify', lang)}](verify.md)",
    ]) + "\n"

