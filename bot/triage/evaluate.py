"""``companion triage eval FILE``: recall per level and per sign, false alarms, confusion.

Every rate comes with its Wilson 95% interval, because a corpus of a few hundred messages
cannot pin a rate to the percent. What counts:

- **EMERGENCY recall**: emergency messages decided EMERGENCY (sure or asked: either way the
  911 or 9-8-8 line is shown first).
- **EMERGENCY-or-URGENT recall on emergency messages**: decided URGENT or higher.
- **URGENT recall**: urgent messages decided URGENT or higher.
- **ROUTINE recall**: routine messages decided at any level.
- **per sign**: the message's sign is among the signs found, at its level or higher.
- **kept negated mentions**: ``confirm`` messages whose sign is found (asked or raised).
- **false alarms**: benign messages that raise or ask anything, split into look-alikes
  (figures of speech, near misses) and everyday messages.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.rules.levels import AlertLevel
from bot.rules.triage import Triage
from bot.rules.warning_signs import SEVERITY, WarningSignRules
from bot.triage.corpus import Row

Z = 1.959964  # the normal quantile for a 95% interval


def wilson(hits: int, total: int) -> tuple[float, float]:
    """The Wilson score 95% interval of hits/total ((0, 1) when there is nothing to count)."""
    if total == 0:
        return 0.0, 1.0
    p = hits / total
    denominator = 1 + Z * Z / total
    centre = (p + Z * Z / (2 * total)) / denominator
    half = Z * math.sqrt(p * (1 - p) / total + Z * Z / (4 * total * total)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(frozen=True)
class Rate:
    name: str
    hits: int
    total: int

    @property
    def value(self) -> float:
        return self.hits / self.total if self.total else 0.0

    def line(self) -> str:
        low, high = wilson(self.hits, self.total)
        return (
            f"{self.name:<44} {self.hits:>5}/{self.total:<5} {100 * self.value:6.1f}%"
            f"  [{100 * low:5.1f}, {100 * high:5.1f}]"
        )


@dataclass(frozen=True)
class Report:
    levels: list[Rate]
    signs: list[Rate]
    kept: Rate
    false_alarms: list[Rate]
    confusion: Counter[tuple[str, str]]
    misses: list[tuple[Row, Triage]]

    def rate(self, name: str) -> Rate:
        return next(r for r in [*self.levels, *self.false_alarms, self.kept] if r.name == name)

    def lines(self) -> list[str]:
        out = ["Recall by level (Wilson 95% interval)"]
        out += ["  " + r.line() for r in self.levels]
        out += ["", "Recall by sign"] + ["  " + r.line() for r in self.signs]
        out += ["", "Negated or doubtful mentions", "  " + self.kept.line()]
        out += ["", "False alarms"] + ["  " + r.line() for r in self.false_alarms]
        out += ["", "Confusion (rows: expected; columns: decided; ? = asked, not sure)"]
        columns = ["emergency", "emergency?", "urgent", "urgent?", "routine", "routine?", "none"]
        out.append("  " + f"{'':<10}" + "".join(f"{c:>11}" for c in columns))
        for expected in ("emergency", "urgent", "routine", "confirm", "benign"):
            counts = [self.confusion[(expected, c)] for c in columns]
            if sum(counts):
                out.append("  " + f"{expected:<10}" + "".join(f"{n:>11}" for n in counts))
        return out


def decided(found: Triage) -> str:
    if found.level is None:
        return "none"
    return found.level.value + ("?" if found.needs_confirmation else "")


def evaluate(
    rows: Sequence[Row], rules: WarningSignRules, decide: Callable[[str], Triage]
) -> Report:
    """Decide every row and count (see the module's docstring)."""
    results = [(row, decide(row.text)) for row in rows]
    confusion: Counter[tuple[str, str]] = Counter((r.expected, decided(t)) for r, t in results)

    def at_least(found: Triage, level: AlertLevel) -> bool:
        return found.level is not None and SEVERITY[found.level] >= SEVERITY[level]

    def rate(name: str, kept: list[tuple[Row, Triage]], hit: Callable[[Row, Triage], bool]) -> Rate:
        return Rate(name, sum(1 for r, t in kept if hit(r, t)), len(kept))

    of = {e: [(r, t) for r, t in results if r.expected == e] for e in ("emergency", "urgent")}
    routine = [(r, t) for r, t in results if r.expected == "routine"]
    levels = [
        rate("EMERGENCY recall", of["emergency"], lambda r, t: t.level is AlertLevel.EMERGENCY),
        rate(
            "EMERGENCY-or-URGENT recall on emergencies",
            of["emergency"],
            lambda r, t: at_least(t, AlertLevel.URGENT),
        ),
        rate("URGENT recall", of["urgent"], lambda r, t: at_least(t, AlertLevel.URGENT)),
        rate("ROUTINE recall", routine, lambda r, t: t.level is not None),
    ]
    signs = []
    for sign in rules.signs:
        kept = [(r, t) for r, t in results if r.sign == sign.id and r.expected != "confirm"]
        if kept:
            level = sign.level
            hits = sum(1 for r, t in kept if r.sign in t.signs and at_least(t, level))
            signs.append(Rate(f"{sign.id} ({level.value})", hits, len(kept)))
    confirm = [(r, t) for r, t in results if r.expected == "confirm"]
    benign = [(r, t) for r, t in results if r.expected == "benign"]
    alarm: Callable[[Row, Triage], bool] = lambda r, t: t.level is not None  # noqa: E731
    false_alarms = [
        rate("false alarms, all harmless messages", benign, alarm),
        rate("false alarms, look-alikes", [x for x in benign if x[0].kind == "look-alike"], alarm),
        rate("false alarms, everyday", [x for x in benign if x[0].kind != "look-alike"], alarm),
    ]
    misses = [
        (r, t)
        for r, t in results
        if (r.expected == "emergency" and t.level is not AlertLevel.EMERGENCY)
        or (r.expected == "urgent" and not at_least(t, AlertLevel.URGENT))
        or (r.expected == "routine" and t.level is None)
        or (r.expected == "confirm" and r.sign not in t.signs)
        or (r.expected == "benign" and t.level is not None)
    ]
    return Report(
        levels=levels,
        signs=signs,
        kept=rate("kept (asked or raised)", confirm, lambda r, t: r.sign in t.signs),
        false_alarms=false_alarms,
        confusion=confusion,
        misses=misses,
    )
