"""Pure rules on parent links: finding cycles, and ordering so that parents come before children."""

from __future__ import annotations

from collections.abc import Mapping


def find_cycle(parent_of: Mapping[str, str | None]) -> list[str] | None:
    """A cycle in the parent links, as the keys around it (first repeated at the end), or ``None``."""
    settled: set[str] = set()
    for start in parent_of:
        path: list[str] = []
        on_path: set[str] = set()
        node: str | None = start
        while node is not None and node not in settled:
            if node in on_path:
                return [*path[path.index(node) :], node]
            path.append(node)
            on_path.add(node)
            node = parent_of.get(node)
        settled.update(path)
    return None


def parents_first(parent_of: Mapping[str, str | None]) -> list[str]:
    """The keys ordered so that every parent comes before its children (the links must have no cycle)."""
    ordered: list[str] = []
    placed: set[str] = set()

    def place(key: str) -> None:
        if key in placed:
            return
        parent = parent_of.get(key)
        if parent is not None and parent in parent_of:
            place(parent)
        placed.add(key)
        ordered.append(key)

    for key in parent_of:
        place(key)
    return ordered
