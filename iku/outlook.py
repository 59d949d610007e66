"""Outlook to the end of the Renstra (arah Renstra): is an IKU on course to reach the target
of the plan's final year?

Method (written out on the Metodologi page, with a worked example):
1. Take the last three years that have a realisation. Fewer than three: "belum dapat dinilai".
2. The final year's target (periode_renstra.akhir in instansi.yml). None set: "belum dapat dinilai".
3. Fit a straight line through those three points by least squares and read it at the final
   year (the projection), rounded half up to two decimals. If the final year itself already
   has a realisation, that realisation is used instead of a projection.
   A projection outside the range the IKU's values can take (Indicator.lowest / highest: 0–100
   for a percentage, the scale's range for an index) is clipped to that range, and says so
   (`limit`): a share of programmes achieved cannot point past 100%.
4. Higher is better (arah naik): projection ≥ target is "sesuai arah", else "perlu perhatian".
   Lower is better (arah turun): projection ≤ target is "sesuai arah", else "perlu perhatian".
"""

from __future__ import annotations

from dataclasses import dataclass

from iku.fmt import round_half_up

ON_COURSE = "sesuai arah"
NEEDS_ATTENTION = "perlu perhatian"
NOT_ASSESSABLE = "belum dapat dinilai"
YEARS_USED = 3


@dataclass(frozen=True)
class Outlook:
    status: str  # one of ON_COURSE, NEEDS_ATTENTION, NOT_ASSESSABLE
    reason: str  # why it cannot be assessed, when it cannot
    end_year: int
    target: float | None = None  # the final year's target
    projection: float | None = None  # the trend's value at the final year
    points: tuple[tuple[int, float], ...] = ()  # (year, realisation) the trend was fitted to
    slope: float | None = None  # change per year of the fitted line
    limit: float | None = None  # the bound of the value range the projection was clipped to


def linear_trend(points: list[tuple[int, float]]) -> tuple[float, float, float]:
    """Least-squares line through (year, value) points: slope per year and the point of means
    (mean year, mean value) it passes through."""
    n = len(points)
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / spread
    return slope, mean_x, mean_y


def assess(realisations: dict[int, float | None], targets: dict[int, float | None], direction: str, end_year: int,
           lowest: float | None = None, highest: float | None = None) -> Outlook:
    """The outlook of one IKU from its realisations and targets by year; a projection is kept
    within [lowest, highest] (None: no bound on that side)."""
    known = sorted((year, value) for year, value in realisations.items() if value is not None and year <= end_year)
    target = targets.get(end_year)
    if len(known) < YEARS_USED:
        return Outlook(NOT_ASSESSABLE, "kurang dari tiga tahun realisasi", end_year, target)
    points = known[-YEARS_USED:]
    if target is None:
        return Outlook(NOT_ASSESSABLE, "target tahun akhir Renstra belum ditetapkan", end_year, None, points=tuple(points))
    slope, mean_year, mean_value = linear_trend(points)
    last_year, last_value = points[-1]
    limit = None
    if last_year == end_year:
        projection = last_value
    else:
        projection = round_half_up(mean_value + slope * (end_year - mean_year))
        if highest is not None and projection > highest:
            projection = limit = highest
        elif lowest is not None and projection < lowest:
            projection = limit = lowest
    reached = projection >= target if direction == "naik" else projection <= target
    return Outlook(ON_COURSE if reached else NEEDS_ATTENTION, "", end_year, target, projection, tuple(points), slope, limit)


def of_indicator(portal, indicator) -> Outlook:
    """The outlook of one IKU of a computed portal, to the end of its Renstra period."""
    return of_results(indicator, portal.results[indicator.code], portal.instansi)


def of_results(indicator, results, instansi: dict) -> Outlook:
    """The outlook of one IKU from its yearly results and the office's Renstra period."""
    return assess({r.year: r.value for r in results}, {r.year: r.target for r in results}, indicator.direction,
                  int(instansi["periode_renstra"]["akhir"]), indicator.lowest, indicator.highest)
