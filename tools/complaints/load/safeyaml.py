"""Safe loading of YAML case and policy files.

Built on libyaml's event stream rather than a constructor, so that every value
keeps its line and column, anchors and aliases are refused before anything
expands (an alias bomb costs nothing), duplicate keys are errors (PyYAML keeps
the last one silently), and plain scalars follow the YAML 1.2 core schema:
dates and times stay the strings the schema checks, `no` stays a string.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from complaints.base.findings import Finding, finding

try:  # libyaml is about 10x faster; fall back so the tool still works without it
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 1 << 20  # a case file is a few KB; 1 MiB leaves room and bounds memory

Pointer = tuple[str | int, ...]

_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")


class LoadError(Exception):
    """A file that cannot be turned into data; carries a rule code and position."""

    def __init__(self, code: str, line: int, col: int, detail: str) -> None:
        super().__init__(detail)
        self.code, self.line, self.col, self.detail = code, line, col, detail

    def finding(self, path: str) -> Finding:
        """This error as a finding about path, in the one printed form."""
        return finding(path, self.line, self.col, self.code, self.detail)


@dataclass
class Document:
    """Loaded data plus the (line, column) of every value, 1-based."""

    data: dict[str, Any]
    positions: dict[Pointer, tuple[int, int]] = field(default_factory=dict)

    def pos(self, pointer: Pointer) -> tuple[int, int]:
        """Position of the value at pointer, or of its nearest existing parent."""
        while pointer not in self.positions and pointer:
            pointer = pointer[:-1]
        return self.positions.get(pointer, (1, 1))


_NUMERIC_START = frozenset("0123456789+-.")
_PLAIN_TAGS = (None, "!")
_SCALAR, _ALIAS, _DOC = yaml.ScalarEvent, yaml.AliasEvent, yaml.DocumentStartEvent
_MAP, _SEQ, _MAP_END, _SEQ_END = (yaml.MappingStartEvent, yaml.SequenceStartEvent,
                                  yaml.MappingEndEvent, yaml.SequenceEndEvent)


def _plain(value: str) -> Any:
    """A plain scalar under the YAML 1.2 core schema."""
    if not value or value[0] not in _NUMERIC_START:
        return None if value in _NULL else _BOOL.get(value, value)
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value) and any(c.isdigit() for c in value):
        return float(value)
    return value


def _at(event: Any) -> tuple[int, int]:
    mark = event.start_mark
    return mark.line + 1, mark.column + 1


def _node(event: Any, kind: type) -> tuple[Any, bool]:
    """The value an event opens and whether it is a container; refuses anchors and tags."""
    if event.anchor is not None:
        raise LoadError("Y105", *_at(event), f"anchor &{event.anchor}")
    if event.tag not in _PLAIN_TAGS:
        raise LoadError("Y106", *_at(event), f"tag {event.tag}")
    if kind is _SCALAR:
        return (_plain(event.value) if not event.style and event.implicit[0] else event.value), False
    return ({} if kind is _MAP else []), True


def parse(text: str, *, with_positions: bool = True) -> Document:
    """Parse YAML text into a Document; raise LoadError on any unsafe or bad input.

    Without positions (for bulk reads such as the audit trail) only the data is
    kept; the refusals are the same.
    """
    positions: dict[Pointer, tuple[int, int]] = {}
    stack: list[tuple[Any, Pointer, list[Any]]] = []  # container, its pointer, pending key
    root: Any = None
    pointer: Pointer = ()
    documents = 0
    loader = _Loader(text)
    get_event: Callable[[], Any] = loader.get_event  # libyaml events: attributes the stubs lack
    try:
        while (event := get_event()) is not None:
            kind = type(event)
            if kind is _MAP_END or kind is _SEQ_END:
                stack.pop()
                continue
            if kind is _SCALAR or kind is _MAP or kind is _SEQ:
                value, container = _node(event, kind)
            elif kind is _ALIAS:
                raise LoadError("Y105", *_at(event), f"alias *{event.anchor}")
            elif kind is _DOC:
                documents += 1
                if documents > 1:
                    raise LoadError("Y108", *_at(event), "only one document is allowed")
                continue
            else:
                continue
            if not stack:
                root = value
            else:
                parent, ppointer, pending = stack[-1]
                if type(parent) is list:
                    if with_positions:
                        pointer = (*ppointer, len(parent))
                    parent.append(value)
                elif not pending:  # this event is a key
                    if container or type(value) is not str:
                        raise LoadError("Y110", *_at(event), f"key {value!r}")
                    if value in parent:
                        raise LoadError("Y104", *_at(event), f"{value!r}")
                    pending.append(value)
                    if with_positions:
                        positions[(*ppointer, f"{value}\0key")] = _at(event)
                    continue
                else:
                    key = pending.pop()
                    if with_positions:
                        pointer = (*ppointer, key)
                    parent[key] = value
            if with_positions:
                positions[pointer] = _at(event)
            if container:
                stack.append((value, pointer, []))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise LoadError("Y103", line, col, str(exc.problem or exc).strip()) from None
    except yaml.YAMLError as exc:  # reader errors without a mark
        raise LoadError("Y103", 1, 1, str(exc).strip()) from None
    finally:
        loader.dispose()
    if documents == 0 or root is None:
        raise LoadError("Y107", 1, 1, "no data")
    if not isinstance(root, dict):
        raise LoadError("Y109", 1, 1, f"found a {type(root).__name__}")
    return Document(root, positions)


def decode(raw: bytes) -> str:
    """Strict UTF-8 (a BOM is tolerated), naming the line of the first bad byte."""
    if len(raw) > MAX_BYTES:
        raise LoadError("Y102", 1, 1, f"{len(raw)} bytes, limit {MAX_BYTES}")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise LoadError("Y101", line, col, f"byte 0x{raw[exc.start]:02x}") from None


def load_bytes(raw: bytes) -> Document:
    return parse(decode(raw))


def read_limited(path: Path) -> bytes:
    """Read at most MAX_BYTES + 1 bytes, so a huge file never lands in memory."""
    try:
        with path.open("rb") as handle:
            return handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise LoadError("Y111", 1, 1, exc.strerror or str(exc)) from None


def load_file(path: Path) -> Document:
    return load_bytes(read_limited(path))
