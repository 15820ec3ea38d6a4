"""How to verify: the commit the site was built from and plain git commands."""

from __future__ import annotations

from complaints.site.context import Ctx
from complaints.site.i18n import t

INTRO = {
    "zh": "每个处理步骤都是一次签名的 Git 提交，只修改该案件的文件，提交信息尾部写明案件编号、"
          "步骤和操作人员。本站由下面这个提交生成，任何人都可以用普通的 git 命令核对。",
    "en": "Every step of a case is a signed Git commit that changes only that case's file; its "
          "trailers name the case, the step and the staff member. This site was built from the "
          "commit below, and anyone can check it with plain git.",
}
STEPS = {
    "zh": ["取得仓库，检出本站所依据的提交：",
           "核对全部签名（签名人名单见仓库根目录的 `allowed_signers`）：",
           "列出某个案件的全部步骤：",
           "把案件页面与仓库中的案件文件 `cases/<年份>/<编号>.yaml` 对照。"],
    "en": ["Get the repository and check out the commit this site was built from:",
           "Check every signature (the signers are listed in `allowed_signers` at the root):",
           "List every step of one case:",
           "Compare a case page with its file `cases/<year>/<id>.yaml` in the repository."],
}
OUTRO = {
    "zh": "安装了本项目的工具后，`complaints verify` 一次完成以上检查，并核对每一步是否合规、"
          "回避规则是否得到遵守。",
    "en": "With this project's tool installed, `complaints verify` does all of this at once and "
          "also checks that each step was legal and that the recusal rules held.",
}


def _code(lines: list[str]) -> str:
    return "    ```sh\n" + "\n".join(f"    {line}" for line in lines) + "\n    ```"


def verify(ctx: Ctx, lang: str) -> str:
    head = ctx.trail.head
    commit = head or "HEAD"
    example = ctx.cases[0]["id"] if ctx.cases else "C-2026-0001"
    commands = [
        ["git clone <repository-url> complaints", "cd complaints", f"git checkout {commit}"],
        ["git config gpg.ssh.allowedSignersFile allowed_signers",
         f"git log --show-signature --format='%H %G? %GS %s' {commit}"],
        [f"git log --reverse --grep='Complaint-Case: {example}' "
         f"--format='%h %aI %s %(trailers:key=Complaint-Step,valueonly)' {commit}"],
        [],
    ]
    items = []
    for i, (text, cmd) in enumerate(zip(STEPS[lang], commands, strict=True), start=1):
        items.append(f"{i}. {text}" + ("\n\n" + _code(cmd) if cmd else ""))
    head_line = f"`{head}`" if head else t("not_git", lang)
    return "\n\n".join([
        f"# {t('verify', lang)}", INTRO[lang], f"**{t('head_commit', lang)}:** {head_line}",
        *items, OUTRO[lang],
    ]) + "\n"
