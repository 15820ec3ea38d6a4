"""How to verify: the commit the site was built from and plain git commands.

The commands are the README's ("Checking the trail with plain git"): the signer list
is taken from a ref the reader already trusts, never from the commit being checked,
whose own allowed_signers could list whatever key signed it. The clone address is
the policy's `organization.repository`; without one the page says so.
"""

from __future__ import annotations

from complaints.site.context import Ctx
from complaints.site.escape import attr
from complaints.site.i18n import t

INTRO = {
    "zh": "每个处理步骤都是一次签名的 Git 提交，只修改该案件的文件，提交信息尾部写明案件编号、"
          "步骤和操作人员。本站由下面这个提交生成，任何人都可以用普通的 git 命令核对。",
    "en": "Every step of a case is a signed Git commit that changes only that case's file; its "
          "trailers name the case, the step and the staff member. This site was built from the "
          "commit below, and anyone can check it with plain git.",
}
NO_REPOSITORY = {
    "zh": "本机构尚未公布仓库地址（规则文件 `complaints.yml` 中的 `organization.repository`），"
          "请向本机构索取，并把下面命令中的 `REPOSITORY-URL` 换成该地址。",
    "en": "This organization has not published its repository's address "
          "(`organization.repository` in its policy file, `complaints.yml`): ask it for the "
          "address and put it in place of `REPOSITORY-URL` below.",
}
STEPS = {
    "zh": ["取得仓库，检出本站所依据的提交：",
           "从你信任的版本取得签名人名单，而不是从被核对的提交中取：被核对的提交可以在自己的 "
           "`allowed_signers` 里写进任何密钥。`TRUSTED` 是你审阅过的发布标签，或你以前核对过的"
           "提交；撤销名单取最新的，因为它只会减少可信的密钥：",
           "用这份名单核对每个案件提交的签名：",
           "每一行的第二列必须是 `G`（签名有效），第三列（签名人）必须等于第四列（提交写明的操作"
           "人员）：git 本身不核对这一点。列出某个案件的全部步骤：",
           "把案件页面与仓库中的案件文件 `cases/<年份>/<编号>.yaml` 对照。"],
    "en": ["Get the repository and check out the commit this site was built from:",
           "Take the signer list from a version you already trust, never from the commit you are "
           "checking: that commit's own `allowed_signers` could list whatever key signed it. "
           "`TRUSTED` is a release tag you reviewed, or a commit you checked before; take the "
           "revocations from the newest commit, since they only ever remove trust:",
           "Check the signature of every case commit against that list:",
           "Each line must show `G` (good signature) in its second column, and the signer (third "
           "column) must equal the staff member the commit names (fourth): git does not check "
           "that itself. List every step of one case:",
           "Compare a case page with its file `cases/<year>/<id>.yaml` in the repository."],
}
OUTRO = {
    "zh": "安装了本项目的工具后，`complaints verify --trust-ref TRUSTED` 一次完成以上检查，"
          "并核对每一步是否合规、回避规则是否得到遵守。",
    "en": "With this project's tool installed, `complaints verify --trust-ref TRUSTED` does all of "
          "this at once and also checks that each step was legal and that the recusal rules held.",
}
PLACEHOLDER = "REPOSITORY-URL"


def _code(lines: list[str]) -> str:
    """A fenced block inside a list item (pymdownx.superfences renders it)."""
    return "    ```sh\n" + "\n".join(f"    {line}" for line in lines) + "\n    ```"


def _quote(text: str) -> str:
    """A shell word: single-quoted unless plainly safe."""
    if text and all(ch.isalnum() or ch in "@%+=:,./-_" for ch in text):
        return text
    return "'" + text.replace("'", "'\\''") + "'"


def commands(repository: str | None, commit: str, example: str) -> list[list[str]]:
    return [
        [f"git clone {_quote(repository or PLACEHOLDER)} complaints", "cd complaints",
         f"git checkout {commit}"],
        ["AUDIT=$(mktemp -d); TRUSTED=v1.0     # a tag or commit you trust",
         'git show "$TRUSTED:allowed_signers" > "$AUDIT/trusted_signers"',
         'git show "HEAD:revoked_signers" > "$AUDIT/revoked_signers" 2>/dev/null '
         '|| : > "$AUDIT/revoked_signers"'],
        ['git -c gpg.ssh.allowedSignersFile="$AUDIT/trusted_signers" \\',
         '    -c gpg.ssh.revocationFile="$AUDIT/revoked_signers" \\',
         "    log --format='%h %G? %GS %(trailers:key=Complaint-Actor,valueonly,separator=) %s' "
         f"{commit} -- cases"],
        [f"git log --reverse --grep='Complaint-Case: {example}' "
         f"--format='%h %aI %s %(trailers:key=Complaint-Step,valueonly)' {commit}"],
        [],
    ]


def verify(ctx: Ctx, lang: str) -> str:
    head = ctx.trail.head
    example = ctx.cases[0]["id"] if ctx.cases else "C-2026-0001"
    repository = ctx.policy.repository
    items = []
    for i, (text, cmd) in enumerate(zip(STEPS[lang], commands(repository, head or "HEAD", example),
                                        strict=True), start=1):
        items.append(f"{i}. {text}" + ("\n\n" + _code(cmd) if cmd else ""))
    head_line = f"`{head}`" if head else t("not_git", lang)
    where = (f"**{t('repository', lang)}:** <code>{attr(repository)}</code>" if repository
             else NO_REPOSITORY[lang])
    return "\n\n".join([
        f"# {t('verify', lang)}", INTRO[lang], f"**{t('head_commit', lang)}:** {head_line}",
        where, *items, OUTRO[lang],
    ]) + "\n"
