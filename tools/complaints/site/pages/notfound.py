"""Each language's not-found page, where its 404.html (overrides/404.html) sends the
reader: an ordinary page of the site, so its style and links are right wherever the
site is served from. Left out of the navigation and the search."""

from __future__ import annotations

from complaints.site.i18n import t

TEXT = {
    "zh": ("找不到这个页面", "您要找的地址没有页面：可能输错了，或页面已经移动。案件可以在"
           "[全部案件](cases/index.md)中按编号查找。"),
    "en": ("Page not found", "There is no page at the address you asked for: it may be "
           "mistyped, or the page has moved. A case can be found by its number in "
           "[all cases](cases/index.md)."),
}


def not_found_page(lang: str) -> str:
    title, text = TEXT[lang]
    return (f"---\nsearch:\n  exclude: true\n---\n\n# {title}\n\n{text}\n\n"
            f"[{t('home', lang)}](index.md) · [{t('all_cases', lang)}](cases/index.md)\n")
