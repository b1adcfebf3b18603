"""Read YAML while remembering the line each value came from, so that errors can point to it; aliases are
refused, so that a small document cannot expand into an enormous one."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from icshub.loading.problems import ImportRefused, Problem


class DuplicateKey(Exception):
    def __init__(self, key: str, line: int, first_line: int) -> None:
        super().__init__(f"'{key}' appears twice in the same mapping (first on line {first_line})")
        self.key = key
        self.line = line


class BadScalar(Exception):
    """A scalar YAML reads as a type it cannot build, such as the impossible date 2030-02-30; ``keys`` are
    the mapping keys above it, outermost first, filled in as it passes up."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line
        self.keys: list[str] = []


class AliasRefused(Exception):
    """An alias (``*name``) in a document: refused, because a few hundred bytes of nested aliases expand
    to billions of values (a "billion laughs"), and no icshub format needs one."""

    def __init__(self, line: int) -> None:
        super().__init__("aliases (*name) are not accepted: write each value out where it is used")
        self.line = line


class _NoAliasLoader(yaml.SafeLoader):
    """The safe loader, refusing every alias as it is composed, before anything is expanded."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise AliasRefused(self.peek_event().start_mark.line + 1)
        return super().compose_node(parent, index)


class LinedDict(dict):
    """A mapping that also knows its own line and the line of each key."""

    line: int
    key_lines: dict[str, int]


class LinedList(list):
    line: int
    item_lines: list[int]


def _convert(node: yaml.Node, loader: yaml.SafeLoader) -> Any:
    if isinstance(node, yaml.MappingNode):
        result = LinedDict()
        result.line = node.start_mark.line + 1
        result.key_lines = {}
        for key_node, value_node in node.value:
            key = _convert(key_node, loader)
            if key in result:
                raise DuplicateKey(str(key), key_node.start_mark.line + 1, result.key_lines[str(key)])
            try:
                result[key] = _convert(value_node, loader)
            except BadScalar as error:
                error.keys.insert(0, str(key_node.value))
                raise
            result.key_lines[str(key)] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        items = LinedList(_convert(child, loader) for child in node.value)
        items.line = node.start_mark.line + 1
        items.item_lines = [child.start_mark.line + 1 for child in node.value]
        return items
    try:
        return loader.construct_object(node, deep=True)
    except ValueError as error:  # e.g. a date that does not exist
        if node.tag.endswith(":timestamp"):
            message = f"'{node.value}' is not a date: write the day as YYYY-MM-DD, for example 2023-05-08"
        else:
            message = f"'{node.value}' cannot be read: {error}"
        raise BadScalar(message, node.start_mark.line + 1) from error


def read_yaml(path: Path) -> Any:
    """The document at ``path`` with line numbers attached; a syntax error is refused with its line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ImportRefused([Problem(path.name, None, None, f"cannot be read: {error}")]) from error
    return parse_yaml(text, path.name)


def parse_yaml(text: str, name: str) -> Any:
    """The YAML (or JSON) document ``text``, called ``name`` in problems, with line numbers attached."""
    try:
        node = yaml.compose(text, Loader=_NoAliasLoader)
    except AliasRefused as error:
        raise ImportRefused([Problem(name, error.line, None, str(error))]) from error
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        raise ImportRefused(
            [Problem(name, mark.line + 1 if mark else None, None, f"not valid YAML: {error.problem}")]
        ) from error
    if node is None:
        raise ImportRefused([Problem(name, None, None, "the file is empty")])
    loader = yaml.SafeLoader("")
    try:
        return _convert(node, loader)
    except DuplicateKey as error:
        raise ImportRefused([Problem(name, error.line, error.key, str(error))]) from error
    except BadScalar as error:
        field = ".".join(error.keys) or None
        raise ImportRefused([Problem(name, error.line, field, str(error))]) from error
    finally:
        loader.dispose()


def line_of(document: Any, location: Sequence[str | int]) -> int | None:
    """The line of the value at ``location`` in ``document`` (or of the nearest enclosing value)."""
    line = getattr(document, "line", None)
    current = document
    for step in location:
        if isinstance(current, LinedDict) and isinstance(step, str) and step in current:
            line = current.key_lines.get(step, line)
            current = current[step]
        elif isinstance(current, LinedList) and isinstance(step, int) and 0 <= step < len(current):
            line = current.item_lines[step]
            current = current[step]
        else:
            break
    return line
