"""The open data page: the files, their schemas, and the feed.

The data lives at the site root (data/), outside either language's MkDocs
build, so its links are raw HTML relative to the site root.
"""

from __future__ import annotations

from complaints.site.context import Ctx
from complaints.site.i18n import t
from complaints.site.md import table, to_site_root

FILES = [
    ("cases.json", "opendata-cases.schema.json",
     ("全部案件（匿名），含处理过程与时限结果。", "Every case (anonymized), with its steps and deadlines.")),
    ("cases.csv", "opendata-cases-csv.schema.json",
     ("每个案件一行，便于用电子表格打开。", "One row per case, for spreadsheets.")),
    ("stats.json", "opendata-stats.schema.json",
     ("本站所有统计数字的来源。", "The source of every figure on this site.")),
]


def data_page(ctx: Ctx, lang: str) -> str:
    zh = lang == "zh"
    data = to_site_root("open-data.md") + "data/"
    rows = [[f'<a href="{data}{name}">{name}</a>', f'<a href="{data}schema/{schema}">{schema}</a>',
             text[0] if zh else text[1]] for name, schema, text in FILES]
    feed = f'<a href="{data}changes-{lang}.atom">changes-{lang}.atom</a>'

    note = ("数据不含投诉人信息和工作人员编号；处理步骤只标明承担该步骤的角色。" if zh else
            "The data holds no complainant details and no staff ids; each step names only the "
            "role that takes it.")
    return "\n\n".join([
        f"# {t('open_data', lang)}", note,
        table([t("data_file", lang), t("data_schema", lang), t("description", lang)], rows),
        f"**{t('feed', lang)}:** {feed}",
        t("as_of", lang, date=ctx.stats["as_of"]),
    ]) + "\n"
