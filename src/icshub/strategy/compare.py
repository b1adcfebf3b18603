"""Compare two versions of a plan item by item: what was added, dropped and changed. Pure rules."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Change:
    kind: str
    key: str
    fields: dict[str, tuple[Any, Any]]


@dataclass
class Comparison:
    added: list[tuple[str, str]] = field(default_factory=list)
    dropped: list[tuple[str, str]] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)

    @property
    def unchanged(self) -> bool:
        return not (self.added or self.dropped or self.changed)


def compare(
    before: Mapping[str, Mapping[str, Mapping[str, Any]]], after: Mapping[str, Mapping[str, Mapping[str, Any]]]
) -> Comparison:
    """Items of each kind (outcome, priority, commitment…) matched by key, their fields compared."""
    result = Comparison()
    for kind in sorted(set(before) | set(after)):
        old, new = before.get(kind, {}), after.get(kind, {})
        result.added += [(kind, key) for key in sorted(set(new) - set(old))]
        result.dropped += [(kind, key) for key in sorted(set(old) - set(new))]
        for key in sorted(set(old) & set(new)):
            differences = {
                name: (old[key].get(name), new[key].get(name))
                for name in sorted(set(old[key]) | set(new[key]))
                if old[key].get(name) != new[key].get(name)
            }
            if differences:
                result.changed.append(Change(kind, key, differences))
    return result
