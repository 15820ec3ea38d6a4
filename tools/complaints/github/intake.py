"""`complaints intake from-issue`: an issue-form complaint, gated, redacted or prepared.

In CI (`--reply`) the outcome goes back to the issue: with personal data the title and
body are replaced by redacted ones and the reply says what to remove (never the data
itself, not even masked); an incomplete form gets a reply saying what is missing; a
clean one gets the prepared case file. An intake officer then turns that file into the
signed intake step with `complaints new --from FILE`, so every case on main is a staff
member's signed step. Nothing is written before the gate has passed.
"""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import LiteralScalarString

from complaints.base.errors import CannotRun
from complaints.github.api import GitHub
from complaints.github.form import Intake, read_issue
from complaints.load.policy import Policy

LABEL_REDACTED = "personal-data-removed"
LABEL_INCOMPLETE = "incomplete"
LABEL_READY = "intake-ready"


def load_event(path: Path) -> tuple[dict[str, Any], str | None]:
    """(issue, repository full name) from a webhook event or a REST issue saved as JSON."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CannotRun(f"{path}: not a readable JSON event ({exc})") from None
    issue = data.get("issue", data) if isinstance(data, dict) else None
    if not isinstance(issue, dict) or "body" not in issue or "title" not in issue:
        raise CannotRun(f"{path}: neither an issues event nor an issue (no issue title and body)")
    repo = (data.get("repository") or {}).get("full_name") if "issue" in data else None
    return issue, repo


def prepared_file(intake: Intake) -> str:
    """The intake file for `complaints new --from`, with a header saying where it came from."""
    yaml = YAML()
    yaml.width = 4096
    data = {k: LiteralScalarString(v + "\n") if isinstance(v, str) and "\n" in v else v
            for k, v in intake.fields.items()}
    text = StringIO()
    yaml.dump(data, text)
    return (f"# Prepared from issue #{intake.number} by `complaints intake from-issue`; it passed the "
            "privacy gate.\n# Check severity and wording, then: complaints new --from THIS_FILE\n"
            + text.getvalue())


def reply_text(intake: Intake, prepared: str | None) -> str:
    if intake.personal:
        where = "\n".join(f"- {p}" for p in dict.fromkeys(intake.personal))
        return ("Thank you for your complaint. This issue is public, so we removed the lines that "
                f"held personal data:\n\n{where}\n\nPlease do not add them again. Edit the issue to "
                "describe what happened without names, phone numbers, e-mail addresses, ID numbers or "
                "addresses; if your complaint needs them, use the private channel offered when you "
                "open a new issue. We take the complaint in once it holds no personal data.\n\n"
                "感谢您的投诉。本页公开可见，我们已删除含有个人信息的内容。请勿再次填写；如需提供个人信息，"
                "请使用新建议题页面所列的非公开渠道。")
    if prepared is None:
        missing = "\n".join(f"- {m}" for m in intake.missing) or "- an answer we could not read"
        return (f"Thank you. We cannot take this complaint in yet; please edit the issue and add:\n\n"
                f"{missing}\n\n感谢您的投诉。请编辑本议题，补充以上内容。")
    return ("Thank you. Your complaint passed our privacy check. An intake officer will register it "
            "as a case; the case page will then show its progress.\n感谢您的投诉，我们将尽快受理。\n\n"
            f"<details><summary>Prepared case file (for the intake officer)</summary>\n\n```yaml\n"
            f"{prepared}```\n\n</details>")


def from_issue(event: Path, policy: Policy, reply: bool, out: Path | None,
               repo: str | None = None) -> tuple[Intake, str | None]:
    """Gate and read the issue; reply on GitHub if asked; write the prepared file if clean."""
    issue, event_repo = load_event(event)
    intake = read_issue(issue, policy, str(event))
    prepared = prepared_file(intake) if intake.ok else None
    if reply:
        api = GitHub.from_env(repo or event_repo)
        if intake.personal:  # redact first: the public text is what must not stay
            api.update_issue(intake.number, title=intake.title, body=intake.body)
        api.comment(intake.number, reply_text(intake, prepared))
        label = LABEL_REDACTED if intake.personal else LABEL_READY if prepared else LABEL_INCOMPLETE
        api.add_labels(intake.number, [label])
    if prepared is not None and out is not None:
        out.write_text(prepared, "utf-8")
    return intake, prepared
