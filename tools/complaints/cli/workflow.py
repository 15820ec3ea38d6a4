"""CLI for the workflow: new, every policy step as a verb, next, step, import, renumber.

Verbs are built from the policy at run time, so a step added to complaints.yml
is a command at once, with a flag per field it requires or allows. Callbacks
only parse options, prompt in a terminal for what is missing, and call the
library (workflow.take); errors end in cli.handler.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from complaints.cli.options import CASE_ID, case_id_argument, format_option, register_param
from complaints.load.paths import NoRepository, find_root
from complaints.load.policy import POLICY_FILE
from complaints.load.safeyaml import LoadError


def verb_names() -> list[str]:
    """Transition names of the policy here: a quick read (no schema check), so that
    `complaints --help` stays light; a step checks the whole policy afterwards."""
    from complaints.load.safeyaml import decode, parse

    try:
        path = find_root() / POLICY_FILE
        key = (path, path.stat().st_mtime_ns)
        if key not in _VERBS:  # --help asks twice (listing and help text)
            doc = parse(decode(path.read_bytes()), with_positions=False)
            _VERBS[key] = [str(k) for k in doc.data.get("transitions", {})]
        return list(_VERBS[key])
    except (NoRepository, LoadError, AttributeError, OSError):
        return []


_VERBS: dict[tuple[Path, int], list[str]] = {}


def _names(register: str | None) -> tuple[str, ...]:
    if not register:
        return ()
    from complaints.load.register import register_names

    path = Path(register)
    return tuple(register_names(path)) if path.exists() else ()


def _interactive(flag: bool | None) -> bool:
    return sys.stdin.isatty() if flag is None else flag


def _parse_sets(pairs: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise click.UsageError(f"--set wants FIELD=VALUE, got {pair!r}")
        out[key.strip()] = value
    return out


def _prompt(policy: Any, dotted: str, label: str) -> str:
    from complaints.workflow.apply import choices, field_schema

    allowed = choices(policy, dotted)
    many = field_schema(dotted).get("type") == "array"
    if allowed and not many:
        return str(click.prompt(label, type=click.Choice(allowed)))
    hint = f" ({', '.join(allowed)}; comma-separated)" if allowed else ""
    return str(click.prompt(label + hint))


_COMMON = [
    click.Option(["--note"], help="Public note for the history and the commit (anonymized)."),
    click.Option(["--set", "sets"], multiple=True, metavar="FIELD=VALUE",
                 help="Set a field the step fills, by its dotted name."),
    click.Option(["--at"], metavar="TIME", help="When the step was taken (RFC 3339; default now)."),
    click.Option(["--interactive/--no-input", "interactive"], default=None,
                 help="Prompt for missing fields (default: when run in a terminal)."),
    register_param("Private register, so its names are kept out of public text."),
]


def _run_step(case_id: str, step: str, fields: dict[str, Any], opts: dict[str, Any]) -> None:
    from complaints.load.policy import load_policy
    from complaints.workflow.apply import NOTE
    from complaints.workflow.take import take_step

    root = find_root()
    step = step_name(load_policy(root), step)
    note = opts.get("note")
    if _interactive(opts.get("interactive")):
        t = load_policy(root).transitions.get(step)
        for dotted in t.requires if t else ():
            if dotted == NOTE and not note:
                note = click.prompt("note")
            elif dotted != NOTE and fields.get(dotted) in (None, ""):
                fields[dotted] = _prompt(load_policy(root), dotted, dotted)
    result = take_step(root, case_id, step, fields, note, opts.get("at"), _names(opts.get("register")))
    click.echo(f"{result.case_id}: {result.source} → {result.target} "
               f"({result.step} by {result.actor}), commit {result.commit[:12]}")


def verb_command(name: str) -> click.Command:
    """`complaints <step> CASE_ID` with a flag per field the step requires or allows."""
    from complaints.load.policy import load_policy
    from complaints.workflow.apply import NOTE, option_name

    t = load_policy(find_root()).transitions[name]
    flags: dict[str, str] = {}
    params: list[click.Parameter] = [click.Argument(["case_id"], type=CASE_ID)]
    for dotted in (*t.requires, *t.allows):
        if dotted == NOTE:
            continue
        flag = option_name(t, dotted)
        dest = "f_" + dotted.replace(".", "__")
        flags[dest] = dotted
        need = "required" if dotted in t.requires else "optional"
        params.append(click.Option([f"--{flag}", dest], help=f"{dotted} ({need})."))
    if t.action_state:
        flags["f_action"] = "action"
        params.append(click.Option(["--action", "f_action"], help=f"The corrective action moved to {t.action_state}."))
    params += _COMMON

    def callback(case_id: str, **opts: Any) -> None:
        fields = {flags[k]: v for k, v in opts.items() if k in flags and v is not None}
        fields.update(_parse_sets(opts.get("sets", ())))
        _run_step(case_id, name, fields, opts)

    label = t.label.get("en", name)
    return click.Command(name, params=params, callback=callback,
                         help=f"{label}: {', '.join(sorted(t.sources))} → {'(same)' if t.stays else t.target} "
                              f"(role {t.role}).",
                         short_help=f"Workflow step: {label}.")


@click.command(params=[click.Argument(["case_id"], type=CASE_ID), click.Argument(["step_name"]),
                       *_COMMON])
def step(case_id: str, step_name: str, **opts: Any) -> None:
    """Take any policy step STEP_NAME on a case; fields via --set FIELD=VALUE."""
    _run_step(case_id, step_name, _parse_sets(opts.get("sets", ())), opts)


@click.command("next")
@case_id_argument
@click.option("--as", "as_id", metavar="STAFF_ID",
              help="Whose view (default: the signing key's owner, else git's user.name).")
@format_option(["text", "json"])
def next_steps(case_id: str, as_id: str | None, fmt: str) -> None:
    """The steps you may take on a case, and why not the others. Read-only: it needs no
    signing key, and says whom it took you for."""
    from complaints.desk.cases import find_case
    from complaints.desk.identity import assumed
    from complaints.load.policy import load_policy
    from complaints.workflow.apply import NOTE, option_name, who_may

    root = find_root()
    policy = load_policy(root)
    member, how = assumed(root, policy, as_id)
    _, doc = find_case(root, case_id)
    status = str(doc.data.get("status"))
    options = [(t, who_may(policy, doc.data, t, member.id)) for t in policy.transitions.values()]
    if fmt == "json":
        click.echo(json.dumps({"case": case_id, "status": status, "actor": member.id, "by": how,
                               "steps": [
            {"step": t.name, "open": not refusals, "requires": list(t.requires),
             "reasons": [{"code": r.code, "message": r.message} for r in refusals]}
            for t, refusals in options]}, ensure_ascii=False, indent=2))
        return
    click.echo(f"{case_id} is {status}; you are {member.id} (by {how}).")
    for t, refusals in options:
        if status not in t.sources:
            continue
        needs = " ".join(f"--{option_name(t, d)}" if d != NOTE else "--note" for d in t.requires)
        if not refusals:
            click.echo(f"  open     {t.name}  {needs}".rstrip())
        else:
            click.echo(f"  refused  {t.name}: " + "; ".join(str(r) for r in refusals))
    others = [t.name for t, _ in options if status not in t.sources]
    if others:
        click.echo(f"  not from {status}: {', '.join(others)}")


def step_name(policy: Any, name: str) -> str:
    """A policy step by its name or with dashes for underscores (send-back is send_back)."""
    dashed = name.replace("-", "_")
    return dashed if name not in policy.transitions and dashed in policy.transitions else name


__all__ = ["next_steps", "step", "step_name", "verb_command", "verb_names"]
