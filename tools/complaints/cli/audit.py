"""CLI for auditors and CI: log, verify, signers, demo, remind.

Problems found exit 1; a check that cannot run (bad ref, shallow clone, no
policy at the trusted ref) raises a CannotRun error, exit 2, in cli.handler.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from complaints.base.errors import OK, PROBLEMS, CannotRun
from complaints.cli.options import case_id_argument, format_option
from complaints.cli.report import FORMATS, render
from complaints.load.paths import find_root


@click.command()
@case_id_argument
@format_option(["text", "json"])
@click.option("--trust-ref", default="HEAD", show_default=True, metavar="REF",
              help="Read the allowed signers from the roster at this ref.")
def log(case_id: str, fmt: str, trust_ref: str) -> None:
    """The trail of one case: each step with its commit and signature status."""
    from complaints.audit.caselog import case_log, render_text

    result = case_log(find_root(), case_id, trust_ref)
    if fmt == "json":
        click.echo(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(render_text(result), nl=False)


@click.command()
@click.option("--range", "rng", metavar="BASE..HEAD", help="Verify only these commits (a pull request).")
@click.option("--since", metavar="REF",
              help="Starting point: the trail must be signed from this commit on (inclusive).")
@click.option("--trust-ref", metavar="REF",
              help="Read allowed signers from the roster here. Default: the range base, else HEAD.")
@click.option("--revoked", "revoked", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Extra revocation list (public keys, one a line); may be repeated.")
@format_option(FORMATS)
@click.option("--no-cache", is_flag=True, help="Verify every commit afresh.")
def verify(rng: str | None, since: str | None, trust_ref: str | None, revoked: tuple[str, ...],
           fmt: str, no_cache: bool) -> None:
    """Check the signed trail: signatures, actors, roles, steps, recusal, history.

    Prints `path:line:col: CODE message` per breach (the message names the
    commit); exit 1 if any, 2 if verification could not run.
    """
    from complaints.audit.trail import is_shallow
    from complaints.audit.verify import verify as run
    from complaints.base.git import Git

    root = find_root()
    if is_shallow(Git(root)) and not rng:
        raise CannotRun("this is a shallow clone: the whole trail cannot be verified. "
                        "Run `git fetch --unshallow`, or verify a --range whose base is present.")
    texts = [Path(p).read_text("utf-8", "replace") for p in revoked]
    outcome = run(root, rng, since, trust_ref, texts, use_cache=not no_cache)
    if fmt == "text":
        click.echo(f"signers: {outcome.trust}", err=True)
    click.echo(render(outcome.findings, outcome.checked, fmt, "commit"), nl=False)
    sys.exit(PROBLEMS if outcome.findings else OK)


@click.command()
@click.option("--write", is_flag=True, help="Write allowed_signers from the roster.")
def signers(write: bool) -> None:
    """Check (or --write) that allowed_signers matches the roster's keys."""
    from complaints.load.policy import load_policy
    from complaints.signing.signers import SIGNERS_FILE, parse_allowed, roster_entries, same_entries
    from complaints.signing.signers import render as render_signers

    root = find_root()
    policy = load_policy(root)
    path = root / SIGNERS_FILE
    if write:
        path.write_text(render_signers(policy), "utf-8")
        click.echo(f"wrote {SIGNERS_FILE} ({len(roster_entries(policy))} keys)")
        return
    current = path.read_text("utf-8") if path.is_file() else ""
    if same_entries(parse_allowed(current), roster_entries(policy)):
        click.echo(f"{SIGNERS_FILE} matches the roster ({len(roster_entries(policy))} keys)")
        return
    click.echo(f"{SIGNERS_FILE}:1:1: T162 allowed_signers file does not match the roster; "
               "run `complaints signers --write`")
    sys.exit(PROBLEMS)


@click.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--cases", "count", type=click.IntRange(1, 500), default=24, show_default=True,
              help="How many cases to create.")
@click.option("--keys", type=click.Path(file_okay=False, path_type=Path),
              help="Where the throwaway private keys go (default: DIR-keys, beside DIR and "
                   "outside the repository).")
@click.option("--from", "source", type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="Replay this repository's cases (and policy, docs, site config) step by "
                   "step as a signed trail, instead of inventing cases.")
def demo(directory: Path, count: int, keys: Path | None, source: Path | None) -> None:
    """Create a signed example organization repository in DIRECTORY."""
    if source is not None:
        from complaints.workflow.replay import build_replay

        click.echo(build_replay(directory, source, keys))
        return
    from complaints.workflow.demo import build_demo

    click.echo(build_demo(directory, count, keys))


@click.command()
@click.argument("due_json", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--repo", metavar="OWNER/NAME", help="The repository (default: GITHUB_REPOSITORY).")
def remind(due_json: Path, repo: str | None) -> None:
    """Keep one GitHub issue listing what is overdue or due soon (from `complaints due
    --format json`): open or update it, close it when nothing is. Needs GH_TOKEN."""
    from complaints.github.api import GitHub
    from complaints.github.remind import load_due
    from complaints.github.remind import remind as run

    due = load_due(due_json)
    click.echo(run(due, GitHub.from_env(repo)))
