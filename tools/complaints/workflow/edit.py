"""Round-trip editing of case files with ruamel.yaml.

Comments, key order, quoting and the layout of untouched lines survive an
edit. Timestamps are read as strings (YAML 1.2 has no timestamp type, and the
safe loader keeps them as strings too); new ones follow the file's own style,
quoted by default so a YAML 1.1 reader cannot turn them into dates. New keys go
where the schema lists them (history last), so hand-written and tool-written
files look alike.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from io import StringIO
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from complaints.load.schemas import schema

_TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}([T ]|$)")


class _NoTimestamps(VersionedResolver):
    """The YAML 1.2 resolver without implicit timestamps: they stay strings."""

    def add_version_implicit_resolver(self, version: Any, tag: Any, regexp: Any, first: Any) -> None:
        if tag != "tag:yaml.org,2002:timestamp":
            super().add_version_implicit_resolver(version, tag, regexp, first)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Resolver = _NoTimestamps
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-fold a long line we did not touch
    return yaml


def _guess_indent(text: str) -> tuple[int, int]:
    """(mapping indent, dash offset under a key) as the file uses them; house style 2/2."""
    lines = text.splitlines()
    for key, item in itertools.pairwise(lines):
        body = item.lstrip(" ")
        if key.rstrip().endswith(":") and body.startswith("- "):
            return 2, (len(item) - len(body)) - (len(key) - len(key.lstrip(" ")))
    return 2, 2


_PLAIN_TIME = re.compile(r":[ \t]+\d{4}-\d{2}-\d{2}T", re.M)


@dataclass
class CaseEdit:
    """A case file open for editing; `text()` renders it back."""

    data: CommentedMap
    yaml: YAML
    quote_times: bool = True

    def plain(self, value: Any) -> Any:
        """A value ready to insert, in the file's style for timestamps."""
        if isinstance(value, str) and _TIMESTAMP.match(value):
            return DoubleQuotedScalarString(value) if self.quote_times else value
        if isinstance(value, dict):
            out = CommentedMap()
            for k, v in value.items():
                out[k] = self.plain(v)
            return out
        if isinstance(value, list):
            seq = CommentedSeq(self.plain(v) for v in value)
            if all(not isinstance(v, (dict, list)) for v in value) and len(value) <= 8:
                seq.fa.set_flow_style()  # short code lists read best inline: [refund, apology]
            return seq
        return value

    def set(self, dotted: str, value: Any) -> None:
        """Set a dotted field (decision.finding), creating parent mappings in schema order."""
        parts = dotted.split(".")
        node = self.data
        for i, part in enumerate(parts[:-1]):
            child = node.get(part)
            if not isinstance(child, CommentedMap):
                child = CommentedMap()
                _insert(node, part, child, tuple(parts[:i]))
            node = child
        _insert(node, parts[-1], self.plain(value), tuple(parts[:-1]))

    def record(self, key: str, values: dict[str, Any], records: dict[str, Any]) -> None:
        """Write one step's fields into a record list (see load.records): into the latest
        entry, or a new one when the latest already holds one of them; what the step
        records by itself fills only what the entry does not have."""
        seq = self.data.get(key)
        if not isinstance(seq, CommentedSeq):
            seq = CommentedSeq()
            _insert(self.data, key, seq, ())
        if (values and (not seq or any(f.split(".")[0] in seq[-1] for f in values))) or not seq:
            seq.append(CommentedMap())
        entry = seq[-1]
        for field, value in values.items():
            _insert(entry, field, self.plain(value), (key,))
        for field, value in records.items():
            if field not in entry:
                _insert(entry, field, self.plain(value), (key,))

    def append_history(self, entry: dict[str, Any]) -> None:
        history = self.data.get("history")
        if not isinstance(history, CommentedSeq):
            history = CommentedSeq()
            _insert(self.data, "history", history, ())
        history.append(self.plain(entry))

    def text(self) -> str:
        out = StringIO()
        self.yaml.dump(self.data, out)
        return out.getvalue()


def load(text: str) -> CaseEdit:
    """Parse case text for editing, remembering its indentation and time quoting."""
    yaml = _yaml()
    data = yaml.load(text)
    if not isinstance(data, CommentedMap):
        raise ValueError("case file is not a mapping")
    mapping, offset = _guess_indent(text)
    yaml.indent(mapping=mapping, sequence=mapping + offset, offset=offset)
    return CaseEdit(data, yaml, quote_times=not _PLAIN_TIME.search(text))


def new(data: dict[str, Any]) -> CaseEdit:
    """A fresh case document in the project's house style (dash indented by 2)."""
    yaml = _yaml()
    yaml.indent(mapping=2, sequence=4, offset=2)
    edit = CaseEdit(CommentedMap(), yaml)
    for key, value in data.items():
        edit.data[key] = edit.plain(value)
    return edit


def schema_order(pointer: tuple[str, ...]) -> list[str]:
    """Property order of the schema object at a dotted pointer; history stays last."""
    node: dict[str, Any] = schema("case")
    for part in pointer:
        node = node.get("properties", {}).get(part, {})
        if node.get("type") == "array":  # a record list: its entries' order
            node = node.get("items", {})
        if "$ref" in node:
            node = schema("case")["$defs"][node["$ref"].rsplit("/", 1)[1]]
    order = list(node.get("properties", {}))
    if not pointer and "history" in order:
        order.remove("history")
        order.append("history")
    return order


def _insert(parent: CommentedMap, key: str, value: Any, pointer: tuple[str, ...]) -> None:
    if key in parent:
        parent[key] = value
        return
    order = schema_order(pointer)
    rank = order.index(key) if key in order else len(order)
    position = len(parent)
    for i, existing in enumerate(parent):
        if existing in order and order.index(existing) > rank:
            position = i
            break
    parent.insert(position, key, value)
