"""The site root: each language is its own MkDocs build (zh/, en/), so the root is a
small static page of ours that sends the browser on to its language and links
both for everyone else (no script, crawlers, a stated preference); and the root's
"not found" page, which a static host shows for a missing address anywhere."""

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


# The root 404 is served for a missing address at any depth, and the site may live under
# a path of its own, so its links are set from the address: the site root is what comes
# before the last /zh/ or /en/ segment; failing that, the shortest leading part of the
# path that holds data/stats.json. The markup's own hrefs are right at the site root.
FIND_ROOT = """(function () {
  var path = location.pathname, m = path.match(/^(.*\\/)(zh|en)\\//);
  function point(root) {
    document.querySelectorAll("a[data-to]").forEach(function (a) {
      a.href = root + a.getAttribute("data-to"); });
  }
  if (m) { point(m[1]); return; }
  var parts = path.split("/").slice(1, -1), tries = ["/"];
  for (var i = 1; i <= parts.length; i++) { tries.push("/" + parts.slice(0, i).join("/") + "/"); }
  (function next(k) {
    if (k >= tries.length) { return; }
    fetch(tries[k] + "data/stats.json", {method: "HEAD"}).then(function (r) {
      if (r.ok) { point(tries[k]); } else { next(k + 1); } }, function () { next(k + 1); });
  })(0);
})();"""
NOT_FOUND = {"zh": ("找不到这个页面", "这个地址没有页面。", "全部案件"),
             "en": ("Page not found", "There is no page at this address.", "All cases")}


def not_found(ctx: Ctx) -> str:
    """The site root's 404.html: both languages, no file it needs besides itself."""
    blocks = "\n".join(
        f'<section lang="{lang}"><h1>{NOT_FOUND[lang][0]}</h1><p>{NOT_FOUND[lang][1]}</p>\n'
        f'<ul><li><a href="{lang}/" data-to="{lang}/" hreflang="{lang}">'
        f'{attr(ctx.policy.name.get(lang, "")) or NAMES[lang]} · {attr(t("site", lang))}</a></li>'
        f'<li><a href="{lang}/cases/" data-to="{lang}/cases/" hreflang="{lang}">'
        f"{NOT_FOUND[lang][2]}</a></li></ul></section>" for lang in LANGS)
    return (
        '<!doctype html>\n<html lang="zh">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex">\n'
        f"<title>404 · {NOT_FOUND['zh'][0]} · {NOT_FOUND['en'][0]}</title>\n"
        f"<style>{STYLE}section+section{{margin-top:3rem}}</style>\n</head>\n<body>\n"
        f"{blocks}\n<script>{FIND_ROOT}</script>\n</body>\n</html>\n"
    )
