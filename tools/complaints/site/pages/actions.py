"""Improvement actions (corrective and preventive) across all cases, with their state."""

from __future__ import annotations

from complaints.site.context import Ctx
from complaints.site.escape import inline
from complaints.site.i18n import t
from complaints.site.md import filterable, table
from complaints.site.opendata import public_owner


def actions(ctx: Ctx, lang: str) -> str:
    rows = [
        [a["id"], f"[{c['id']}](cases/{c['id']}.md)", t(a["kind"], lang),
         inline(a["description"]), inline(public_owner(a) or "—"), a.get("due", "—"),
         t(a["state"], lang)]
        for c in ctx.cases for a in c.get("actions", [])
    ]
    totals = ctx.stats["actions"]
    counts = table([t("open", lang), t("done", lang), t("verified", lang)],
                   [[str(totals["open"]), str(totals["done"]), str(totals["verified"])]], "rrr")
    headers = [t("action", lang), t("case", lang), t("action_kind", lang), t("description", lang),
               t("owner", lang), t("due", lang), t("state", lang)]
    body = filterable(table(headers, rows), t("filter", lang)) if rows else t("no_data", lang)
    return f"# {t('actions', lang)}\n\n{counts}\n\n{body}\n"
