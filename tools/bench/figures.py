"""A measured figure beside its baseline, and the table that prints them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    """One figure: the SDK's value, the baseline's, and the target on them.

    ``target`` is shown as written; ``met`` says whether this run met it.
    """

    section: str
    name: str
    value: float
    baseline: float
    unit: str
    target: str
    met: bool

    @property
    def ratio(self) -> float:
        """The SDK's value over the baseline's."""
        return self.value / self.baseline if self.baseline else float("inf")


def ratio_at_most(
    section: str, name: str, value: float, baseline: float, unit: str, limit: float
) -> Figure:
    """A figure whose ratio to the baseline should stay at or below ``limit``."""
    met = value <= baseline * limit
    return Figure(section, name, value, baseline, unit, f"<= {limit:g}x", met)


def ratio_at_least(
    section: str, name: str, value: float, baseline: float, unit: str, limit: float
) -> Figure:
    """A figure whose ratio to the baseline should stay at or above ``limit``."""
    met = value >= baseline * limit
    return Figure(section, name, value, baseline, unit, f">= {limit:g}x", met)


def format_table(figures: list[Figure]) -> str:
    """The figures as an aligned text table, one block per section."""
    lines: list[str] = []
    section = ""
    for figure in figures:
        if figure.section != section:
            section = figure.section
            lines += ["", f"== {section}"]
        lines.append(_row(figure))
    return "\n".join(lines)


def _row(figure: Figure) -> str:
    verdict = "ok" if figure.met else "MISSED"
    return (
        f"  {figure.name:<44} {_number(figure.value):>10} {figure.unit:<8}"
        f" base {_number(figure.baseline):>10}  ratio {figure.ratio:6.2f}"
        f"  target {figure.target:<10} {verdict}"
    )


def _number(value: float) -> str:
    if value >= 1000:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.3f}"
