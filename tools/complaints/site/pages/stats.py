"""The statistics page: each chart drawn from figures.compute's result, with its table,
and the written definition of every figure shown."""

from __future__ import annotations

from typing import Any

from complaints.site.charts import bars, columns, fmt
from complaints.site.context import Ctx
from complaints.site.i18n import num, t
from complaints.site.md import table
from complaints.site.numbers import percent
from complaints.site.pages.definitions import label, period_note, section
from complaints.site.pages.record import word

PAUSED = {"zh": "暂停天数", "en": "Days paused"}
SHOWN = ["received", "closed", "ended_without_decision", "open_at_end", "closed_within_deadline",
         "median_days_to_close", "upheld_first", "upheld_final", "findings", "by_category",
         "by_channel", "clocks", "satisfaction", "appeals", "reopenings"]


def chart_table(chart_id: str, title: str, rows: list[tuple[str, float]], head: str,
                value_head: str, unit: str = "", show: list[str] | None = None) -> str:
    """A chart and the same numbers as a table; show overrides the printed values."""
    values = show or [fmt(v) for _, v in rows]
    body = table([head, value_head], [[label_, v] for (label_, _), v in zip(rows, values,
                                                                            strict=True)], "lr")
    return f"{bars(chart_id, title, rows, unit, show)}\n\n{body}"


def _counted(g: dict[str, Any], name: str) -> str:
    return f"{g[name]} ({percent(g[name + '_share'])})"


def summary(g: dict[str, Any], lang: str) -> str:
    """The headline figures of a period, each under its defined name."""
    names = ["received", "closed", "ended_without_decision", "open_at_end",
             "closed_within_deadline", "median_days_to_close", "upheld_first", "upheld_final"]
    values = [str(g["received"]), str(g["closed"]), str(g["ended_without_decision"]["total"]),
              str(g["open_at_end"]), _counted(g, "closed_within_deadline"),
              num(g["median_days_to_close"]), _counted(g, "upheld_first"),
              _counted(g, "upheld_final")]
    return table([label(n, lang) for n in names], [values], "r" * len(names))


def group_sections(ctx: Ctx, g: dict[str, Any], lang: str, prefix: str) -> list[str]:
    """Category, channel, findings, times, on-time, satisfaction and appeals of one period."""
    lab, count = ctx.label, t("count", lang)
    out = []
    for key, kind in (("by_category", "categories"), ("by_channel", "channels")):
        rows = [(lab(kind, code, lang), float(n)) for code, n in g[key].items()]
        out += [f"## {label(key, lang)}", chart_table(f"{prefix}-{key}", label(key, lang), rows,
                                                      label(key, lang), count)]
    first, final = g["findings"]["first"], g["findings"]["final"]
    rows = [(lab("findings", code, lang), float(n)) for code, n in final.items()]
    out += [f"## {label('findings', lang)}", bars(f"{prefix}-findings", label("upheld_final", lang),
                                                  rows, ""),
            table([label("findings", lang), label("upheld_first", lang), label("upheld_final", lang)],
                  [[lab("findings", c, lang), str(first.get(c, 0)), str(n)] for c, n in final.items()],
                  "lrr")]
    times = [(label("median_days_to_close", lang), g["median_days_to_close"])]
    times += [(ctx.clock_label(name, lang), c["median_days"]) for name, c in g["clocks"].items()]
    known = [(name, float(v)) for name, v in times if v is not None]
    out += [f"## {t('times', lang)}",
            chart_table(f"{prefix}-times", t("times", lang), known, t("clock", lang),
                        t("days", lang), show=[num(v) for _, v in known]) if known
            else t("no_data", lang)]
    clocks = g["clocks"]
    rows = [(ctx.clock_label(n, lang), (c["on_time_share"] or 0) * 100) for n, c in clocks.items()]
    detail = table(
        [t("clock", lang), t("met", lang), t("missed", lang), t("overdue", lang), t("share", lang),
         PAUSED[lang]],
        [[ctx.clock_label(n, lang), str(c["met"]), str(c["missed"]), str(c["overdue"]),
          percent(c["on_time_share"]), str(c["paused_days"])] for n, c in clocks.items()],
        "lrrrrr")
    out += [f"## {label('clocks', lang)}",
            bars(f"{prefix}-ontime", label("clocks", lang), rows, "%",
                 [percent(c["on_time_share"]) for c in clocks.values()]), detail]
    sat = g["satisfaction"]
    score_rows = [(f"{score} ★", float(n)) for score, n in sat["scores"].items()]
    out += [f"## {label('satisfaction', lang)}",
            chart_table(f"{prefix}-satisfaction", label("satisfaction", lang), score_rows,
                        t("score", lang), count),
            table([t("answers", lang), t("accepted_outcome", lang), t("mean_score", lang)],
                  [[str(sat["answers"]), f"{sat['accepted']} ({percent(sat['accepted_share'])})",
                    num(sat["mean_score"])]], "rrr")]
    ap = g["appeals"]
    appeal_rows = [(t("appeals_lodged", lang), float(ap["lodged"])),
                   (t("revised", lang), float(ap["revised"])),
                   (t("original_upheld", lang), float(ap["original_upheld"])),
                   (word("withdrawn", lang), float(ap["withdrawn"])),
                   (t("pending", lang), float(ap["pending"])),
                   (label("reopenings", lang), float(g["reopenings"]))]
    out += [f"## {t('appeals_reopen', lang)}",
            chart_table(f"{prefix}-appeals", t("appeals_reopen", lang), appeal_rows, t("kind", lang),
                        count)]
    return out


def statistics(ctx: Ctx, lang: str) -> str:
    s = ctx.stats
    g = s["all"]
    months = [(m["month"], float(m["received"])) for m in s["by_month"]]
    month_table = table([t("month", lang), t("count", lang)],
                        [[m, str(int(v))] for m, v in months], "lr")
    span = f"{g['period']['start']} – {s['as_of']}"
    parts = [
        f"# {t('statistics', lang)}",
        f"{span} · {period_note(g['period'], s['as_of'], lang)}",
        summary(g, lang),
        f"## {t('per_month', lang)}",
        columns("c-month", t("per_month", lang), months) if months else t("no_data", lang),
        f'<details class="chart-table" markdown="1">\n<summary>{t("month", lang)} · '
        f'{t("count", lang)}</summary>\n\n{month_table}\n\n</details>',
        *group_sections(ctx, g, lang, "c"),
        section(SHOWN, lang),
    ]
    return "\n\n".join(parts) + "\n"
