"""The one exception the poster generator raises when it will not print.

A refused poster is better than one that looks fine but cannot be read or
scanned, so every check raises this, naming the rule that failed and what to change.
"""

from __future__ import annotations


class PosterRefused(ValueError):
    """A poster that would break a rule; the message says which rule and what to change."""

    def __init__(self, rule: str, message: str) -> None:
        super().__init__(f"[{rule}] {message}")
        self.rules: tuple[str, ...] = (rule,)

    @classmethod
    def combine(cls, refusals: list[PosterRefused]) -> PosterRefused:
        """One exception for several failures, so a single round of fixes is enough."""
        if len(refusals) == 1:
            return refusals[0]
        combined = cls(refusals[0].rules[0], "\n".join(str(r) for r in refusals))
        combined.args = ("poster refused:\n" + "\n".join(f"- {r}" for r in refusals),)
        combined.rules = tuple(rule for r in refusals for rule in r.rules)
        return combined
