"""How far a location quotient can be trusted: a minimum of counts, and an interval for every value shown.

A location quotient (LQ) of a sector in a country is (c / n) / (s / t): c the country's initiatives whose
primary sector it is, n the country's initiatives, s the selection's initiatives in the sector, t the
selection's initiatives. With one or two initiatives in a country a single one makes an LQ of 30; so an
LQ is shown only where c >= MIN_CELL_INITIATIVES and n >= MIN_COUNTRY_INITIATIVES, and never when the
selection holds a single country (then every LQ is 1 by construction: the base is the country itself).

The interval treats c as a Poisson count and n, s, t as fixed: the exact (Garwood) interval for the mean
of c at CONFIDENCE, [chi2(a/2; 2c) / 2, chi2(1 - a/2; 2c + 2) / 2] with a = 1 - CONFIDENCE, scaled by
t / (n s). Where it excludes 1 the value is `clear`: the country's share differs from the selection's by
more than chance in counts this small would explain. A specialisation is an LQ of at least SPECIALISATION
whose interval lies wholly above 1. The Data and methods page states these rules (i18n keys
`data.indicator.location_quotient*`), and tests/unit/test_specialisation.py checks them by hand.
"""

from __future__ import annotations

import polars as pl
from scipy.stats import chi2

MIN_CELL_INITIATIVES = 3
MIN_COUNTRY_INITIATIVES = 10
CONFIDENCE = 0.90
SPECIALISATION = 1.25
# the heat map's colour runs on log(LQ) between these, clipped beyond: a quarter to four times the base share
LQ_BOUNDS = (0.25, 4.0)


def comparable(cells: pl.DataFrame) -> bool:
    """Whether LQs mean anything: the selection must hold at least two countries with initiatives."""
    return cells["country"].n_unique() >= 2 if cells.height else False


def assess(cells: pl.DataFrame, *, min_cell: int = MIN_CELL_INITIATIVES, min_country: int = MIN_COUNTRY_INITIATIVES,
           confidence: float = CONFIDENCE) -> pl.DataFrame:
    """`queries.country_sector_matrix` with `lq_shown`, the interval (`lq_low`, `lq_high`, null where not shown),
    `lq_clear` (the interval excludes 1) and `specialised` (LQ >= SPECIALISATION, interval wholly above 1)."""
    alpha = 1 - confidence
    counts = cells["initiatives"].to_numpy()
    shown = (
        (cells["initiatives"] >= min_cell) & (cells["country_total"] >= min_country)
        & cells["location_quotient"].is_not_null() & pl.Series([comparable(cells)] * cells.height, dtype=pl.Boolean)
    )
    # chi2 with 0 degrees of freedom is undefined: a count of 0 has a lower bound of 0 (never shown anyway)
    lower_mean = [chi2.ppf(alpha / 2, 2 * c) / 2 if c > 0 else 0.0 for c in counts]
    upper_mean = chi2.ppf(1 - alpha / 2, 2 * counts + 2) / 2
    scale = cells["total"] / (cells["country_total"] * cells["sector_total"])
    low = pl.Series(lower_mean, dtype=pl.Float64) * scale
    high = pl.Series(upper_mean, dtype=pl.Float64) * scale
    return cells.with_columns(
        shown.alias("lq_shown"),
        pl.when(shown).then(low).alias("lq_low"),
        pl.when(shown).then(high).alias("lq_high"),
    ).with_columns(
        (pl.col("lq_shown") & ((pl.col("lq_low") > 1) | (pl.col("lq_high") < 1))).alias("lq_clear"),
        (pl.col("lq_shown") & (pl.col("location_quotient") >= SPECIALISATION) & (pl.col("lq_low") > 1))
        .alias("specialised"),
    )


def method_values(lang: str) -> dict[str, str]:
    """The thresholds and bounds as the reader's language writes them, for the texts that state them."""
    from analytics import i18n

    return {"min_cell": i18n.number(MIN_CELL_INITIATIVES, lang), "min_country": i18n.number(MIN_COUNTRY_INITIATIVES, lang),
            "confidence": i18n.percent(CONFIDENCE, lang), "alpha": i18n.number(1 - CONFIDENCE, lang, 2),
            "low": i18n.number(LQ_BOUNDS[0], lang, 2), "high": i18n.number(LQ_BOUNDS[1], lang, 0)}
