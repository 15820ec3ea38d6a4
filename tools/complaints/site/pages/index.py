"""The case index: every case, sortable and filterable in the browser (site.js).

A raw HTML table (md.html_table): with 10,000 cases a Markdown table of this page
alone took seconds per language. Neither it nor the case pages are in the site
search (see case.py): the filter box is how a reader finds a case.
"""

from __future__ import annotations

from complaints.site.context import Ctx
from complaints.site.escape import inline
from complaints.site.i18n import t
from complaints.site.md import filterable, html_table, page_url


def case_days(ctx: Ctx, case_id: str) -> int:
    """Days to close for a closed case, days open so far for an open one."""
    return ctx.facts[case_id].days()


def index(ctx: Ctx, lang: str) -> str:
    rows = []
    for c in ctx.cases:
        facts = ctx.facts[c["id"]]
        rows.append([
            f'<a href="{page_url(c["id"] + ".md")}">{c["id"]}</a>', inline(c["title"]),
            ctx.label("states", c["status"], lang), ctx.label("categories", c["category"], lang),
            facts.received_day.isoformat(), str(case_days(ctx, c["id"])),
        ])
    headers = [t("case", lang), t("title", lang), t("status", lang), t("category", lang),
               t("received", lang), t("days", lang)]
    body = (filterable(html_table(headers, rows, "lllllr"), t("filter", lang), markdown=False)
            if rows else t("no_data", lang))
    return (
        "---\nsearch:\n  exclude: true\n---\n\n"
        f"# {t('all_cases', lang)}\n\n{t('find_note', lang)} {t('age_note', lang)}\n\n{body}\n"
    )
