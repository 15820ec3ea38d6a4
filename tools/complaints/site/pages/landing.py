"""The site root: each language is its own MkDocs build (zh/, en/), so the root is a
small static page of ours that sends the browser on to its language and links
both for everyone else (no script, crawlers, a stated preference)."""

from __future__ import annotations

from complaints.site.context import Ctx
from complaints.site.escape import attr
from complaints.site.i18n import LANGS, t

NAMES = {"zh": "中文", "en": "English"}

# First of the browser's languages we have; Chinese (the organization's own) otherwise.
PICK = ("(function () { var langs = navigator.languages || [navigator.language || ''];"
        " for (var i = 0; i < langs.length; i++) { var l = String(langs[i]).slice(0, 2).toLowerCase();"
        " if (l === 'zh' || l === 'en') { location.replace(l + '/'); return; } }"
        " location.replace('zh/'); })();")

STYLE = ("body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;"
         "color:#222}a{color:#3f51b5;font-size:1.3em}li{margin:.8em 0}")


def landing(ctx: Ctx) -> str:
    names = [attr(ctx.policy.name.get(lang, "")) for lang in LANGS]
    title = " · ".join(n for n in names if n)
    links = "\n".join(
        f'<li><a href="{lang}/" hreflang="{lang}" lang="{lang}">{NAMES[lang]}</a> · '
        f'<span lang="{lang}">{attr(t("site", lang))}</span></li>' for lang in LANGS)
    alternates = "\n".join(f'<link rel="alternate" hreflang="{lang}" href="{lang}/">'
                           for lang in LANGS)
    return (
        '<!doctype html>\n<html lang="zh">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n{alternates}\n<style>{STYLE}</style>\n"
        f"<script>{PICK}</script>\n</head>\n<body>\n<h1>{title}</h1>\n<ul>\n{links}\n</ul>\n"
        "</body>\n</html>\n"
    )
