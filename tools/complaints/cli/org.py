"""CLI for running an organization: `init` (a new repository) and `staff` (the roster).

Both ask for what is missing in a terminal and take flags for scripts; the
library (workflow.init, workflow.staff) checks everything and writes one signed
admin commit, or nothing.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from complaints.load.paths import find_root
from complaints.load.presets import preset_names

if TYPE_CHECKING:
    from complaints.workflow.admin import AdminResult


def _ask(ask: bool, value: str | None, label: str, default: str | None = None) -> str | None:
    if value is not None or not ask:
        return value if value is not None else default
    return str(click.prompt(label, default=default)) or None


def _need(value: str | None, flag: str) -> str:
    if not value:
        raise click.UsageError(f"{flag} is required (or run in a terminal to be asked)")
    return value


@click.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--preset", help="The policy to start from (see --help for the list).")
@click.option("--name", "name_en", help="The organization's name in English.")
@click.option("--name-zh", help="Its name in Chinese (default: the English name).")
@click.option("--timezone", help="UTC offset of new steps, e.g. +08:00.")
@click.option("--repository", help="URL the public clones the repository from.")
@click.option("--admin", help="The first administrator's staff id (s-...).")
@click.option("--key", type=click.Path(dir_okay=False, path_type=Path),
              help="The administrator's SSH signing key (the private key file, its .pub beside it).")
@click.option("--interactive/--no-input", "interactive", default=None,
              help="Ask for what is missing (default: when run in a terminal).")
def init(directory: Path, preset: str | None, name_en: str | None, name_zh: str | None,
         timezone: str | None, repository: str | None, admin: str | None, key: Path | None,
         interactive: bool | None) -> None:
    """Create a new organization's complaints repository in DIRECTORY.

    Writes the policy from the preset with your name, time zone and first
    administrator, the schemas, the site configuration and pages, the GitHub
    files and the pre-commit configuration, and makes the first signed admin
    commit, so that validate, verify and site build work at once. Refuses a
    folder that is not empty, or a missing key, and then writes nothing.
    """
    from complaints.github.files import executable, github_files
    from complaints.workflow.init import Settings, init_org

    names = preset_names()
    ask = sys.stdin.isatty() if interactive is None else interactive
    preset = _need(_ask(ask, preset, f"preset ({', '.join(names)})"), "--preset")
    name_en = _need(_ask(ask, name_en, "organization name (English)"), "--name")
    name_zh = _ask(ask, name_zh, "organization name (Chinese)", name_en) or name_en
    timezone = _need(_ask(ask, timezone, "time zone (UTC offset)", "+08:00"), "--timezone")
    repository = _ask(ask, repository, "public repository URL (empty: none yet)", "")
    admin = _need(_ask(ask, admin, "first administrator's staff id", "s-admin"), "--admin")
    key_text = _need(_ask(ask, str(key) if key else None, "their SSH signing key",
                          str(Path("~/.ssh/id_ed25519").expanduser())), "--key")
    extra = {f".github/{rel}": (data, executable(rel)) for rel, data in github_files().items()}
    settings = Settings(preset, {"zh": name_zh, "en": name_en}, timezone, admin, Path(key_text),
                        repository or None, extra=extra)
    click.echo(init_org(directory, settings))


init.help = (init.help or "") + "\n\nPresets: " + ", ".join(preset_names()) + "."


@click.group()
def staff() -> None:
    """Change the roster: each change is one signed admin commit (roster and signers together)."""


def _done(result: AdminResult) -> None:
    click.echo(f"{result.subject}, commit {result.commit[:12]} by {result.actor}")


def _key(text: str) -> str:
    """A public key given as text or as a path to a .pub file."""
    path = Path(text).expanduser()
    return path.read_text("ascii", "replace").strip() if path.is_file() else text


def _roles(text: str) -> list[str]:
    return [r.strip() for r in text.split(",") if r.strip()]


@staff.command("add")
@click.argument("staff_id")
@click.option("--roles", required=True, help="Comma-separated roles of the policy.")
@click.option("--key", "key", required=True, help="Their SSH public key, or the path of their .pub file.")
@click.option("--display", required=True, help="Public display name in English, usually the role title.")
@click.option("--display-zh", help="Public display name in Chinese (default: the English one).")
def staff_add(staff_id: str, roles: str, key: str, display: str, display_zh: str | None) -> None:
    """Add STAFF_ID (a pseudonymous id, s-...) to the roster with their key."""
    from complaints.workflow.staff import add

    _done(add(find_root(), staff_id, {"zh": display_zh or display, "en": display}, _roles(roles),
              _key(key)))


@staff.command("roles")
@click.argument("staff_id")
@click.option("--roles", required=True, help="The member's roles from now on, comma-separated.")
def staff_roles(staff_id: str, roles: str) -> None:
    """Change the roles STAFF_ID holds."""
    from complaints.workflow.staff import set_roles

    _done(set_roles(find_root(), staff_id, _roles(roles)))


@staff.command("remove")
@click.argument("staff_id")
def staff_remove(staff_id: str) -> None:
    """STAFF_ID leaves: inactive from this commit on, their keys expire now; past steps stay valid."""
    from complaints.workflow.staff import remove

    _done(remove(find_root(), staff_id))


@staff.command("rotate-key")
@click.argument("staff_id")
@click.option("--key", "key", required=True, help="The new SSH public key, or the path of its .pub file.")
@click.option("--compromised", is_flag=True,
              help="The old key is lost or stolen: revoke it (revoked_signers) instead of letting "
                   "it expire now.")
def staff_rotate(staff_id: str, key: str, compromised: bool) -> None:
    """Give STAFF_ID a new key; the old one expires now, or is revoked with --compromised."""
    from complaints.workflow.staff import rotate_key

    _done(rotate_key(find_root(), staff_id, _key(key), compromised))


__all__ = ["init", "staff"]
