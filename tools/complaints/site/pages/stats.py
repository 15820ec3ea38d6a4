"""The statistics page: each chart drawn from stats.compute's result, with its table."""

from __future__ import annotations

from typing import Any

from complaints.site.charts import bars, columns, fmt
from complaints.site.context import Ctx
from complaints.site.i18n import num, t
from complaints.site.md import table
from complaints.site.numbers import percent


def chart_table(chart_id: str, title: str, rows: list[tuple[str, float]], head: str,
                value_head: str, unit: str = "", show: list[str] | None = None) -> str:
    """A chart and the same numbers as a table; show overrides the printed values."""
    values = show or [fmt(v) for _, v in rows]
    body = table([head, value_head], [[label, v] for (label, _), v in zip(rows, values,
                                                                          strict=True)], "lr")
    return f"{bars(chart_id, title, rows, unit, show)}\n\n{body}"


def group_sections(ctx: Ctx, g: dict[str, Any], lang: str, prefix: str) -> list[str]:
    """Category, channel, findings, times, on-time and satisfaction for a group of cases."""
    lab, count = ctx.label, t("count", lang)
    out = []
    for key, kind in (("by_category", "categories"), ("by_channel", "channels"),
                      ("findings", "findings")):
        rows = [(lab(kind, code, lang), float(n)) for code, n in g[key].items()]
        out += [f"## {t(key, lang)}", chart_table(f"{prefix}-{key}", t(key, lang), rows,
                                                  t(key if key != 'by_channel' else 'channel',
                                                    lang), count)]
    times = [(t("to_close", lang), g["median_days_to_close"])]
    times += [(ctx.clock_label(name, lang), c["median_days"]) for name, c in g["clocks"].items()]
    known = [(label, float(v)) for label, v in times if v is not None]
    out += [f"## {t('times', lang)}",
            chart_table(f"{prefix}-times", t("times", lang), known, t("clock", lang),
                        t("days", lang)) if known else t("no_data", lang)]
    clocks = g["clocks"]
    rows = [(ctx.clock_label(n, lang), (c["on_time_share"] or 0) * 100) for n, c in clocks.items()]
    detail = table(
        [t("clock", lang), t("met", lang), t("missed", lang), t("overdue", lang),
         t("running", lang), t("share", lang)],
        [[ctx.clock_label(n, lang), str(c["met"]), str(c["missed"]), str(c["overdue"]),
          str(c["running"]), percent(c["on_time_share"])] for n, c in clocks.items()], "lrrrrr")
    out += [f"## {t('on_time_clock', lang)}",
            bars(f"{prefix}-ontime", t("on_time_clock", lang), rows, "%",
                 [percent(c["on_time_share"]) for c in clocks.values()]), detail]
    sat = g["satisfaction"]
    score_rows = [(f"{score} ★", float(n)) for score, n in sat["scores"].items()]
    out += [f"## {t('satisfaction', lang)}",
            chart_table(f"{prefix}-satisfaction", t("satisfaction", lang), score_rows,
                        t("score", lang), count),
            table([t("answers", lang), t("accepted_outcome", lang), t("mean_score", lang)],
                  [[str(sat["answers"]), percent(sat["accepted_share"]), num(sat["mean_score"])]],
                  "rrr")]
    return out


def statistics(ctx: Ctx, lang: str) -> str:
    s = ctx.stats
    months = [(m["month"], float(m["received"])) for m in s["by_month"]]
    month_table = table([t("month", lang), t("count", lang)],
                        [[m, str(int(v))] for m, v in months], "lr")
    ap = s["appeals"]
    appeal_rows = [(t("appeals_lodged", lang), float(ap["lodged"])),
                   (t("revised", lang), float(ap["revised"])),
                   (t("original_upheld", lang), float(ap["original_upheld"])),
                   (t("pending", lang), float(ap["pending"])),
                   (t("reopenings", lang), float(s["reopenings"]))]
    parts = [
        f"# {t('statistics', lang)}", t("as_of", lang, date=s["as_of"]),
        f"## {t('per_month', lang)}",
        columns("c-month", t("per_month", lang), months) if months else t("no_data", lang),
        f'<details class="chart-table" markdown="1">\n<summary>{t("month", lang)} · '
        f'{t("count", lang)}</summary>\n\n{month_table}\n\n</details>',
        *group_sections(ctx, s["all"], lang, "c"),
        f"## {t('appeals_reopen', lang)}",
        chart_table("c-appeals", t("appeals_reopen", lang), appeal_rows, t("kind", lang),
                    t("count", lang)),
    ]
    return "\n\n".join(parts) + "\n"
