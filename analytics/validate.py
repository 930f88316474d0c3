"""The registry's rules. Turns the text cells of an export into typed, normalised tables and lists
every problem as file, row, column, value and reason. It never raises on bad data.

Rules are vectorised with Polars so that a registry of 5 million memberships validates in
seconds; lookups (countries, regions, codes) run once per distinct value.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field

import polars as pl

from analytics import gazetteer, taxonomy
from analytics.reader import ROW, Export, Problem, RawTable
from analytics.registry_format import Column, Table

EXCEL_EPOCH = dt.date(1899, 12, 30)
TAXONOMY_OF_COLUMN = {
    "type": "type", "status": "status", "size_class": "size_class",
    "priority_sectors": "eclac_sector", "isic_sections": "isic_section", "isic_section": "isic_section",
}


@dataclass
class Validated:
    tables: dict[str, pl.DataFrame]
    problems: list[Problem]
    bad_rows: dict[str, set[int]] = field(default_factory=dict)
    rows_read: dict[str, int] = field(default_factory=dict)


def search_key(expr: pl.Expr) -> pl.Expr:
    """Accent- and case-insensitive form of a text, the same as gazetteer.normalise_text."""
    return (expr.str.normalize("NFD").str.replace_all(r"\p{M}", "").str.to_lowercase()
            .str.replace_all(r"\s+", " ").str.strip_chars())


def _code_lookup(table: str) -> dict[str, str]:
    """Codes and names in every language, normalised, to the code."""
    lookup: dict[str, str] = {}
    for term in taxonomy.TABLES[table]:
        for text in (term.code, term.code.replace("_", " "), term.en, term.es, term.pt):
            lookup.setdefault(gazetteer.normalise_text(text), term.code)
    return lookup


def closest(value: str, table: str) -> str | None:
    lookup = _code_lookup(table)
    match = difflib.get_close_matches(gazetteer.normalise_text(value), list(lookup), n=1, cutoff=0.5)
    return lookup[match[0]] if match else None


class _Checker:
    """Collects problems for one table; a problem marks its row as bad."""

    def __init__(self, raw: RawTable, problems: list[Problem], bad_rows: set[int]):
        self.raw, self.problems, self.bad_rows = raw, problems, bad_rows

    def report(self, frame: pl.DataFrame, column: str, value_column: str, reason: str | pl.Expr) -> None:
        if frame.is_empty():
            return
        why = pl.lit(reason) if isinstance(reason, str) else reason
        reasons = frame.with_columns(why.cast(pl.String).alias("__why"))["__why"].to_list()
        for row, value, why in zip(frame[ROW].to_list(), frame[value_column].to_list(), reasons, strict=True):
            self.problems.append(Problem(self.raw.file, row, column, "" if value is None else str(value), why))
            self.bad_rows.add(row)

    def where(self, frame: pl.DataFrame, mask: pl.Expr, column: str, reason: str | pl.Expr,
              value_column: str | None = None) -> None:
        hits = frame.filter(mask)
        self.report(hits, column, value_column or column, reason)


def _parse_int(expr: pl.Expr) -> pl.Expr:
    return expr.str.replace(r"\.0+$", "").cast(pl.Int64, strict=False)


def _parse_float(expr: pl.Expr) -> pl.Expr:
    # a decimal comma ("-74,08") is read as a decimal point when there is no point already
    text = pl.when(expr.str.contains(",") & ~expr.str.contains(r"\.")).then(expr.str.replace(",", ".")).otherwise(expr)
    return text.cast(pl.Float64, strict=False)


def _parse_date(expr: pl.Expr) -> pl.Expr:
    serial = expr.str.extract(r"^(\d{4,5})(?:\.0+)?$").cast(pl.Int64, strict=False)
    return pl.coalesce(
        expr.str.slice(0, 10).str.strptime(pl.Date, "%Y-%m-%d", strict=False),
        expr.str.strptime(pl.Date, "%d/%m/%Y", strict=False),
        expr.str.strptime(pl.Date, "%d-%m-%Y", strict=False),
        expr.str.strptime(pl.Date, "%Y/%m/%d", strict=False),
        pl.when(serial.is_between(20000, 80000)).then(pl.lit(EXCEL_EPOCH) + pl.duration(days=serial)),
    )


def _typed_columns(raw: RawTable, spec: Table, check: _Checker) -> pl.DataFrame:
    """Trims every cell, checks presence, type, range and allowed codes; returns typed columns."""
    frame = raw.frame
    missing = {column.name for column in spec.columns if column.name not in frame.columns}
    for column in spec.columns:
        if column.name in missing:
            if column.required:
                check.problems.append(Problem(raw.file, raw.header_row, column.name, "", "required column missing"))
                check.bad_rows.update(frame[ROW].to_list())
            frame = frame.with_columns(pl.lit(None, pl.String).alias(column.name))
    frame = frame.with_columns(
        pl.col(c.name).str.strip_chars().replace("", None).alias(c.name) for c in spec.columns
    )
    typed = [pl.col(ROW)]
    for column in spec.columns:
        typed.append(_check_column(frame, raw, column, check, present=column.name not in missing))
    return frame.select(typed)


def _check_column(frame: pl.DataFrame, raw: RawTable, column: Column, check: _Checker, present: bool) -> pl.Expr:
    name = column.name
    value = pl.col(name)
    if column.required and present:
        check.where(frame, value.is_null(), name, "required value missing")
    if column.kind in ("int", "float", "date"):
        parser = {"int": _parse_int, "float": _parse_float, "date": _parse_date}[column.kind]
        expected = {"int": "not a whole number", "float": "not a number",
                    "date": "not a date (expected YYYY-MM-DD or DD/MM/YYYY)"}[column.kind]
        parsed = frame.select(pl.col(ROW), value, parser(value).alias("parsed"))
        check.where(parsed, value.is_not_null() & pl.col("parsed").is_null(), name, expected)
        if column.minimum is not None:
            reason = "must not be negative" if column.minimum == 0 else f"below the minimum {column.minimum:g}"
            check.where(parsed, pl.col("parsed") < column.minimum, name, reason)
        if column.maximum is not None:
            check.where(parsed, pl.col("parsed") > column.maximum, name, f"above the maximum {column.maximum:g}")
        return parser(value).alias(name)
    if column.kind == "code":
        lookup = _code_lookup(TAXONOMY_OF_COLUMN[name])
        keyed = frame.select(pl.col(ROW), value, search_key(value).replace_strict(lookup, default=None).alias("code"))
        unknown = keyed.filter(value.is_not_null() & pl.col("code").is_null())
        if not unknown.is_empty():
            reasons = [_unknown_reason(v, TAXONOMY_OF_COLUMN[name]) for v in unknown[name].to_list()]
            check.report(unknown.with_columns(pl.Series("why", reasons)), name, name, pl.col("why"))
        return search_key(value).replace_strict(lookup, default=None).alias(name)
    if column.kind == "codes":
        table = TAXONOMY_OF_COLUMN[name]
        lookup = _code_lookup(table)
        items = frame.select(pl.col(ROW), value).with_columns(
            value.str.split(";").list.eval(pl.element().str.strip_chars()).list.drop_nulls().alias("item")
        ).explode("item").filter(pl.col("item").is_not_null() & (pl.col("item") != ""))
        items = items.with_columns(search_key(pl.col("item")).replace_strict(lookup, default=None).alias("code"))
        unknown = items.filter(pl.col("code").is_null())
        if not unknown.is_empty():
            reasons = [_unknown_reason(v, table) for v in unknown["item"].to_list()]
            check.report(unknown.with_columns(pl.Series("why", reasons)), name, name, pl.col("why"))
        return (value.str.split(";").list.eval(
            search_key(pl.element()).replace_strict(lookup, default=None)).list.drop_nulls().list.unique(
            maintain_order=True).alias(name))
    if column.kind == "url":
        check.where(frame, value.is_not_null() & ~value.str.contains(r"^https?://\S+$"), name,
                    "not a web address (expected http:// or https://)")
    return value


def _unknown_reason(value: str, table: str) -> str:
    suggestion = closest(value, table)
    allowed = ", ".join(taxonomy.codes(table)[:8]) + (", ..." if len(taxonomy.codes(table)) > 8 else "")
    if suggestion:
        return f"not an allowed value; did you mean '{suggestion}'? (allowed: {allowed})"
    return f"not an allowed value (allowed: {allowed})"


def _check_unique(frame: pl.DataFrame, key: str, check: _Checker) -> None:
    first = frame.filter(pl.col(key).is_not_null()).group_by(key).agg(pl.col(ROW).min().alias("first_row"))
    duplicates = frame.join(first, on=key).filter(pl.col(ROW) != pl.col("first_row"))
    check.where(duplicates, pl.lit(True), key,
                pl.format("duplicate id: already used at row {}", pl.col("first_row")))


def _normalise_countries(frame: pl.DataFrame, check: _Checker) -> pl.DataFrame:
    values = [v for v in frame["country"].unique().to_list() if v is not None]
    mapping = {v: gazetteer.match_country(v) for v in values}
    frame = frame.with_columns(pl.col("country").alias("country_given"),
                               pl.col("country").replace_strict(mapping, default=None, return_dtype=pl.String))
    lac = set(gazetteer.LAC_ISO2)
    not_lac = frame.filter(pl.col("country").is_not_null() & ~pl.col("country").is_in(lac))
    check.report(not_lac, "country", "country_given", "not a country of Latin America and the Caribbean")
    check.where(frame, pl.col("country").is_null() & pl.col("country_given").is_not_null(), "country",
                "unknown country (use an ISO code or the name in English, Spanish or Portuguese)", "country_given")
    return frame.with_columns(pl.when(pl.col("country").is_in(lac)).then(pl.col("country")).alias("country"))


def _check_initiatives(raw: RawTable, today: dt.date, check: _Checker) -> pl.DataFrame:
    frame = _typed_columns(raw, raw.spec, check)
    _check_unique(frame, "id", check)
    frame = _normalise_countries(frame, check)
    pairs = frame.select("country", "region").unique().drop_nulls().rows()
    region_codes = {(country, region): gazetteer.match_region(country, region) for country, region in pairs}
    frame = frame.with_columns(
        pl.struct("country", "region").map_elements(
            lambda s: region_codes.get((s["country"], s["region"])), return_dtype=pl.String
        ).alias("region_code")
    )
    check.where(frame, pl.col("country").is_not_null() & pl.col("region").is_not_null() & pl.col("region_code").is_null(),
                "region", pl.format("not a first-level region of {}", pl.col("country")))
    _check_location(frame, check)
    year = pl.col("registered_on").dt.year()
    check.where(frame, pl.col("registered_on") > today, "registered_on", "date is in the future")
    check.where(frame, pl.col("validated_on") > today, "validated_on", "date is in the future")
    check.where(frame, pl.col("validated_on") < pl.col("registered_on"), "validated_on",
                pl.format("validated before it was registered ({})", pl.col("registered_on")))
    check.where(frame, pl.col("founded_year") > year, "founded_year",
                pl.format("founded after it was registered ({})", pl.col("registered_on")))
    check.where(frame, pl.col("isic_sections").list.len() == 0, "isic_sections", "at least one ISIC section is required")
    return frame


def _check_location(frame: pl.DataFrame, check: _Checker) -> None:
    points = frame.filter(pl.col("latitude").is_not_null() & pl.col("longitude").is_not_null()
                          & pl.col("latitude").is_between(-90, 90) & pl.col("longitude").is_between(-180, 180)
                          & pl.col("country").is_not_null())
    if points.is_empty():
        return
    found = gazetteer.locate(points["latitude"].to_list(), points["longitude"].to_list())
    points = points.with_columns(pl.Series("found", found, dtype=pl.String))
    wrong = points.filter(pl.col("found").is_null() | (pl.col("found") != pl.col("country")))
    if wrong.is_empty():
        return
    swapped = gazetteer.locate(wrong["longitude"].to_list(), wrong["latitude"].to_list())
    reasons = []
    for row, found_swapped in zip(wrong.iter_rows(named=True), swapped, strict=True):
        if found_swapped == row["country"]:
            reasons.append(f"latitude and longitude look swapped: did you mean latitude {row['longitude']}, "
                           f"longitude {row['latitude']}?")
        elif row["found"]:
            reasons.append(f"the point lies in {row['found']}, not in {row['country']}")
        else:
            reasons.append(f"the point lies outside every country (at sea?), not in {row['country']}")
    wrong = wrong.with_columns(pl.Series("why", reasons), pl.format("{}, {}", "latitude", "longitude").alias("point"))
    check.report(wrong, "latitude", "point", pl.col("why"))


def _check_references(frame: pl.DataFrame, column: str, ids: pl.Series, rejected: pl.Series | None, what: str,
                      check: _Checker) -> None:
    present = frame.filter(pl.col(column).is_not_null())
    check.where(present, ~pl.col(column).is_in(ids.implode()), column, f"no {what} with this id")
    if rejected is not None:
        check.where(present, pl.col(column).is_in(rejected.implode()), column, f"the {what} with this id was rejected")


def validate(export: Export, today: dt.date | None = None, cascade: bool = False) -> Validated:
    """Checks every rule. With `cascade`, rows that point at a rejected record are rejected too
    (for loading only the valid rows); without it they are not reported twice."""
    today = today or dt.date.today()
    problems = list(export.problems)
    bad: dict[str, set[int]] = {name: set() for name in ("initiatives", "firms", "memberships", "collaborations")}
    result = Validated(tables={}, problems=problems, bad_rows=bad)
    raws = export.tables
    for name, raw in raws.items():
        result.rows_read[name] = raw.frame.height

    initiatives = firms = memberships = collaborations = None
    if "initiatives" in raws:
        initiatives = _check_initiatives(raws["initiatives"], today, _Checker(raws["initiatives"], problems,
                                                                              bad["initiatives"]))
    if "firms" in raws:
        check = _Checker(raws["firms"], problems, bad["firms"])
        firms = _typed_columns(raws["firms"], raws["firms"].spec, check)
        _check_unique(firms, "id", check)
        firms = _normalise_countries(firms, check)

    def ids_and_rejects(frame: pl.DataFrame | None, table: str) -> tuple[pl.Series, pl.Series | None]:
        if frame is None:
            return pl.Series([], dtype=pl.String), None
        good = ~pl.col(ROW).is_in(list(bad[table]))
        ids = frame["id"].drop_nulls()
        # an id rejected once but also present on a good row stays usable
        rejected = frame.filter(~good)["id"].drop_nulls()
        rejected = rejected.filter(~rejected.is_in(frame.filter(good)["id"].drop_nulls().implode()))
        return ids, (rejected if cascade else None)

    initiative_ids, rejected_initiatives = ids_and_rejects(initiatives, "initiatives")
    firm_ids, rejected_firms = ids_and_rejects(firms, "firms")
    if "memberships" in raws:
        check = _Checker(raws["memberships"], problems, bad["memberships"])
        memberships = _typed_columns(raws["memberships"], raws["memberships"].spec, check)
        _check_references(memberships, "firm_id", firm_ids, rejected_firms, "firm", check)
        _check_references(memberships, "initiative_id", initiative_ids, rejected_initiatives, "initiative", check)
        check.where(memberships, pl.col("joined_on") > today, "joined_on", "date is in the future")
        duplicate = memberships.filter(pl.struct("firm_id", "initiative_id").is_duplicated()
                                       & pl.struct("firm_id", "initiative_id").is_first_distinct().not_())
        check.where(duplicate, pl.lit(True), "firm_id", "this firm is already listed in this initiative")
    if "collaborations" in raws:
        check = _Checker(raws["collaborations"], problems, bad["collaborations"])
        collaborations = _typed_columns(raws["collaborations"], raws["collaborations"].spec, check)
        for column in ("initiative_a", "initiative_b"):
            _check_references(collaborations, column, initiative_ids, rejected_initiatives, "initiative", check)
        check.where(collaborations, pl.col("initiative_a") == pl.col("initiative_b"), "initiative_b",
                    "an initiative cannot collaborate with itself")
        check.where(collaborations, pl.col("started_on") > today, "started_on", "date is in the future")

    for name, frame in (("initiatives", initiatives), ("firms", firms), ("memberships", memberships),
                        ("collaborations", collaborations)):
        if frame is not None:
            result.tables[name] = frame
    problems.sort(key=lambda p: (p.file, p.row, p.column))
    return result
