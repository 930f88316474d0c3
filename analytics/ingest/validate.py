"""The registry's rules. Turns the text cells of an export into typed, normalised tables and lists
every problem as file, row, column, value and reason. It never raises on bad data.

Rules are vectorised with Polars so that a registry of 5 million memberships validates in
seconds; lookups (countries, regions, codes) run once per distinct value, and problems are
kept as frames, so that an export where every membership is wrong is reported as quickly as
a clean one.

Two kinds of problem: one in a row rejects that row (`--skip-invalid` loads the others); one
that no row can carry (a file that cannot be decoded, a required column missing) is
`blocking`, and stops every build, because the rows it would lose could not even be counted.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass

import polars as pl

from analytics.ingest.reader import PROBLEM_SCHEMA, ROW, Export, Problem, RawTable, closest_header, problem_frame
from analytics.ingest.registry_format import Column, Table
from analytics.reference import gazetteer, taxonomy
from analytics.reference.text import normalise_text

EXCEL_EPOCH = dt.date(1899, 12, 30)
EARLIEST_DATE = dt.date(1900, 1, 1)
TABLE_ORDER = ("initiatives", "firms", "memberships", "collaborations", "milestones")


@dataclass
class Validated:
    """Typed tables (every row read, rejected ones too, each with its ROW), every problem, and per table the rows
    with a problem and why (ROW, reasons)."""

    tables: dict[str, pl.DataFrame]
    problems: pl.DataFrame
    blocking: pl.DataFrame
    rejected: dict[str, pl.DataFrame]
    rows_read: dict[str, int]
    raw: dict[str, RawTable]


def search_key(expr: pl.Expr) -> pl.Expr:
    """Accent- and case-insensitive form of a text: normalise_text itself, which the search terms go
    through too (a look-alike in Polars expressions kept "nº" and "ß" where the terms had "no" and "ss")."""
    return expr.map_elements(normalise_text, return_dtype=pl.String, skip_nulls=True)


def _code_lookup(table: str) -> dict[str, str]:
    """Codes and names in every language, normalised, to the code."""
    lookup: dict[str, str] = {}
    for term in taxonomy.TABLES[table]:
        for text in (term.code, term.code.replace("_", " "), term.en, term.es, term.pt):
            lookup.setdefault(normalise_text(text), term.code)
    return lookup


def closest(value: str, table: str) -> str | None:
    lookup = _code_lookup(table)
    match = difflib.get_close_matches(normalise_text(value), list(lookup), n=1, cutoff=0.5)
    return lookup[match[0]] if match else None


class _Checker:
    """Collects the problems of one table as frames; a problem found by a rule marks its row as rejected."""

    def __init__(self, raw: RawTable):
        self.raw = raw
        self.found: list[pl.DataFrame] = [raw.row_problems]
        self.file_problems: list[Problem] = []

    def report(self, hits: pl.DataFrame, column: str, value_column: str, reason: str | pl.Expr) -> None:
        """The value shown is the cell as written ("01/01/2099", not the date it was read as), so that it can be
        found in the file; a derived value (a latitude, longitude pair) is shown as computed."""
        if hits.is_empty():
            return
        why = pl.lit(reason) if isinstance(reason, str) else reason
        problems = hits.select(
            pl.lit(self.raw.file).alias("file"), pl.col(ROW).cast(pl.Int64).alias("row"),
            pl.lit(self.raw.column_label(column)).alias("column"),
            why.cast(pl.String).alias("reason"),
            *([pl.col(value_column).fill_null("").alias("value")] if hits[value_column].dtype == pl.String else []))
        if "value" not in problems.columns and value_column in self.raw.frame.columns:
            written = self.raw.frame.select(pl.col(ROW).alias("row"), pl.col(value_column).fill_null("").alias("value"))
            problems = problems.join(written, on="row", how="left")
        elif "value" not in problems.columns:
            problems = problems.with_columns(pl.lit("").alias("value"))
        self.found.append(problems.select(PROBLEM_SCHEMA.keys()))

    def where(self, frame: pl.DataFrame, mask: pl.Expr, column: str, reason: str | pl.Expr,
              value_column: str | None = None) -> None:
        self.report(frame.filter(mask), column, value_column or column, reason)

    def problems(self) -> pl.DataFrame:
        return pl.concat(self.found, how="vertical_relaxed")

    def bad_rows(self) -> pl.Series:
        return self.problems()["row"].unique()


def _parse_int(text: pl.Series) -> pl.Series:
    return text.str.replace(r"\.0+$", "").cast(pl.Int64, strict=False)


def _parse_float(text: pl.Series) -> pl.Series:
    """Plain decimals are read at once; a decimal comma ("-74,08", read as a point when there is no point already) or
    a minus sign pasted from a web page (U+2212) only where that fails. "nan" and "inf" parse but are no numbers."""
    number = text.cast(pl.Float64, strict=False)
    if (number.is_null() & text.is_not_null()).any():
        fixed = text.str.replace("\u2212", "-", literal=True)
        fixed = pl.select(pl.when(fixed.str.contains(",") & ~fixed.str.contains(r"\.")).then(fixed.str.replace(",", "."))
                          .otherwise(fixed)).to_series()
        number = fixed.cast(pl.Float64, strict=False)
    return number.to_frame("n").select(pl.when(pl.col("n").is_finite()).then(pl.col("n"))).to_series()


def _parse_date(text: pl.Series) -> pl.Series:
    """ISO dates, day first with / - or . (the region's order), and Excel serial numbers. A time after the date, as
    a spreadsheet writes for a date-time cell ("12/12/2023 0:00", "2023-12-12T10:00"), is ignored. A column of plain
    ISO dates (5 million memberships) is read in one pass; the other forms are tried only when some cell needs them."""
    iso = text.str.strptime(pl.Date, "%Y-%m-%d", strict=False)
    if not (iso.is_null() & text.is_not_null()).any():
        return iso
    day = pl.col("t").str.extract(r"^([^\sT]+)")
    serial = pl.col("t").str.extract(r"^(\d{4,5})(?:\.\d+)?$").cast(pl.Int64, strict=False)
    return text.to_frame("t").select(pl.coalesce(
        day.str.strptime(pl.Date, "%Y-%m-%d", strict=False),
        day.str.strptime(pl.Date, "%d/%m/%Y", strict=False),
        day.str.strptime(pl.Date, "%d-%m-%Y", strict=False),
        day.str.strptime(pl.Date, "%d.%m.%Y", strict=False),
        day.str.strptime(pl.Date, "%Y/%m/%d", strict=False),
        pl.when(serial.is_between(20000, 80000)).then(pl.lit(EXCEL_EPOCH) + pl.duration(days=serial)),
    )).to_series()


PARSERS = {"int": _parse_int, "float": _parse_float, "date": _parse_date}
NOT_PARSED = {"int": "not a whole number", "float": "not a number", "date": "not a date (expected YYYY-MM-DD or DD/MM/YYYY)"}


def _typed_columns(raw: RawTable, spec: Table, check: _Checker) -> pl.DataFrame:
    """Trims every cell, checks presence, type, range and allowed codes; returns typed columns."""
    frame = raw.frame
    missing = {column.name for column in spec.columns if column.name not in frame.columns}
    for column in spec.columns:
        if column.name in missing:
            if column.required:
                # the value is the unrecognised header most like the column's names: "lattitude" for latitude
                near = closest_header(column.name, spec, raw.unrecognised_headers)
                check.file_problems.append(Problem(raw.file, raw.header_row, column.name, near or "",
                                                   "required column missing"))
            frame = frame.with_columns(pl.lit(None, pl.String).alias(column.name))
    frame = frame.with_columns(
        pl.col(c.name).str.strip_chars().replace("", None).alias(c.name) for c in spec.columns
    )
    return pl.DataFrame([frame[ROW], *(_check_column(frame, column, check, present=column.name not in missing)
                                       for column in spec.columns)])


def _code_map(values: pl.Series, table: str) -> dict[str, str | None]:
    """Each distinct text to its code (None when it names none): a registry of millions of firms has a few dozen."""
    lookup = _code_lookup(table)
    return {value: lookup.get(normalise_text(value)) for value in values.drop_nulls().unique().to_list()}


def _check_column(frame: pl.DataFrame, column: Column, check: _Checker, present: bool) -> pl.Series:
    """Checks one column and returns it typed: each value is parsed or looked up once."""
    name = column.name
    value = pl.col(name)
    if column.required and present:
        check.where(frame, value.is_null(), name, "required value missing")
    if column.kind in PARSERS:
        parsed = frame.select(pl.col(ROW), value, PARSERS[column.kind](frame[name]).alias("parsed"))
        check.where(parsed, value.is_not_null() & pl.col("parsed").is_null(), name, NOT_PARSED[column.kind])
        if column.minimum is not None:
            reason = "must not be negative" if column.minimum == 0 else f"below the minimum {column.minimum:g}"
            check.where(parsed, pl.col("parsed") < column.minimum, name, reason)
        if column.maximum is not None:
            check.where(parsed, pl.col("parsed") > column.maximum, name, f"above the maximum {column.maximum:g}")
        if column.kind == "date":
            check.where(parsed, pl.col("parsed") < EARLIEST_DATE, name, "before 1900: not a plausible date")
        return parsed["parsed"].alias(name)
    if column.kind == "code":
        table = taxonomy.CODE_LIST_OF_COLUMN[name]
        codes = frame[name].replace_strict(_code_map(frame[name], table), default=None, return_dtype=pl.String)
        keyed = frame.select(pl.col(ROW), value, codes.alias("code"))
        _report_unknown(keyed.filter(value.is_not_null() & pl.col("code").is_null()), name, name, table, check)
        return codes.alias(name)
    if column.kind == "codes":
        table = taxonomy.CODE_LIST_OF_COLUMN[name]
        items = frame.select(pl.col(ROW), value).with_columns(
            value.str.split(";").list.eval(pl.element().str.strip_chars()).alias("item")
        ).explode("item").filter(pl.col("item").is_not_null() & (pl.col("item") != ""))
        codes = _code_map(items["item"], table)
        items = items.with_columns(pl.col("item").replace_strict(codes, default=None, return_dtype=pl.String).alias("code"))
        _report_unknown(items.filter(pl.col("code").is_null()), name, "item", table, check, value_column=name)
        return frame.select(value.str.split(";").list.eval(
            pl.element().str.strip_chars().replace_strict(codes, default=None, return_dtype=pl.String))
            .list.drop_nulls().list.unique(maintain_order=True)).to_series()
    if column.kind == "url":
        check.where(frame, value.is_not_null() & ~value.str.contains(r"^https?://\S+$"), name,
                    "not a web address (expected http:// or https://)")
    return frame[name]


def _report_unknown(unknown: pl.DataFrame, column: str, item_column: str, table: str, check: _Checker,
                    value_column: str | None = None) -> None:
    """The closest allowed value is looked up once per distinct unknown value, never once per row. In a list of codes
    the reason names the item, and the value is the whole cell."""
    if unknown.is_empty():
        return
    reasons = {item: _unknown_reason(item, table) for item in unknown[item_column].unique().to_list()}
    reason = pl.col(item_column).replace_strict(reasons, default=None, return_dtype=pl.String)
    if value_column:
        reason = pl.format("{}: {}", pl.col(item_column), reason)
    check.report(unknown, column, value_column or item_column, reason)


def _unknown_reason(value: str, table: str) -> str:
    suggestion = closest(value, table)
    allowed = ", ".join(taxonomy.codes(table)[:8]) + (", ..." if len(taxonomy.codes(table)) > 8 else "")
    if suggestion:
        return f"not an allowed value; did you mean '{suggestion}'? (allowed: {allowed})"
    return f"not an allowed value (allowed: {allowed})"


def _check_duplicates(frame: pl.DataFrame, keys: list[str], column: str, reason: str, check: _Checker) -> None:
    """Every repeat of a key after its first row, reported with the row it repeats (the {} in `reason`); the first
    row stays valid."""
    present = frame.filter(pl.all_horizontal(pl.col(k).is_not_null() for k in keys))
    repeated = present.filter(pl.struct(keys).is_duplicated()) if len(keys) > 1 else present.filter(
        pl.col(keys[0]).is_duplicated())
    if repeated.is_empty():
        return
    repeated = repeated.with_columns(pl.col(ROW).min().over(keys).alias("first_row"))
    check.where(repeated, pl.col(ROW) != pl.col("first_row"), column,
                pl.format(reason, pl.col("first_row")))


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


def _region_codes(frame: pl.DataFrame) -> pl.DataFrame:
    """The ISO 3166-2 code of each row's region, looked up once per distinct (country, region) pair."""
    pairs = frame.select("country", "region").unique().drop_nulls()
    codes = pairs.with_columns(pl.Series("region_code", [gazetteer.match_region(country, region)
                                                         for country, region in pairs.iter_rows()], dtype=pl.String))
    return frame.join(codes, on=["country", "region"], how="left", nulls_equal=False, maintain_order="left")


def _check_initiatives(raw: RawTable, today: dt.date, check: _Checker) -> pl.DataFrame:
    frame = _typed_columns(raw, raw.spec, check)
    _check_duplicates(frame, ["id"], "id", "duplicate id: already used at row {}", check)
    frame = _region_codes(_normalise_countries(frame, check))
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
    points = frame.filter(pl.col("latitude").is_between(-90, 90) & pl.col("longitude").is_between(-180, 180)
                          & pl.col("country").is_not_null())
    if points.is_empty():
        return
    found = gazetteer.locate(points["latitude"].to_numpy(), points["longitude"].to_numpy())
    points = points.with_columns(pl.Series("found", found, dtype=pl.String))
    wrong = points.filter(pl.col("found").is_null() | (pl.col("found") != pl.col("country")))
    if wrong.is_empty():
        return
    swapped = gazetteer.locate(wrong["longitude"].to_numpy(), wrong["latitude"].to_numpy())
    wrong = wrong.with_columns(pl.Series("found_swapped", swapped, dtype=pl.String),
                               pl.format("{}, {}", "latitude", "longitude").alias("point"))
    why = (pl.when(pl.col("found_swapped") == pl.col("country"))
           .then(pl.format("latitude and longitude look swapped: did you mean latitude {}, longitude {}?",
                           "longitude", "latitude"))
           .when(pl.col("found").is_not_null())
           .then(pl.format("the point lies in {}, not in {}", "found", "country"))
           .otherwise(pl.format("the point lies outside every country (at sea?), not in {}", "country")))
    check.report(wrong, "latitude", "point", why)


def _check_references(frame: pl.DataFrame, column: str, ids: pl.Series | None, rejected: pl.Series | None, what: str,
                      check: _Checker) -> None:
    """Every link must name a record of the other file. When that file could not be read (ids is None) nothing is
    checked: its own problem stops the build, and millions of "no such id" lines would only hide it."""
    if ids is None:
        return
    present = frame.filter(pl.col(column).is_not_null())
    check.where(present, ~pl.col(column).is_in(ids.implode()), column, f"no {what} with this id")
    if rejected is not None and not rejected.is_empty():
        check.where(present, pl.col(column).is_in(rejected.implode()), column, f"the {what} with this id was rejected")


def _usable_ids(frame: pl.DataFrame, bad_rows: pl.Series) -> tuple[pl.Series, pl.Series]:
    """The ids a link may point to, and those rejected (an id rejected on one row but valid on another stays usable)."""
    rejected_rows = pl.col(ROW).is_in(bad_rows.implode())
    good = frame.filter(~rejected_rows)["id"].drop_nulls()
    rejected = frame.filter(rejected_rows)["id"].drop_nulls()
    return frame["id"].drop_nulls(), rejected.filter(~rejected.is_in(good.implode()))


def _reasons(problems: pl.DataFrame, raw: RawTable) -> pl.DataFrame:
    """ROW and the reasons each rejected row of one table has, in one text ("type: ...; country: ...")."""
    return (problems.filter(pl.col("file") == raw.file)
            .with_columns(pl.when(pl.col("column") == "").then(pl.col("reason"))
                          .otherwise(pl.format("{}: {}", "column", "reason")).alias("why"))
            .group_by("row", maintain_order=True).agg(pl.col("why").str.join("; ").alias("reasons"))
            .rename({"row": ROW}).sort(ROW))


def validate(export: Export, today: dt.date | None = None, cascade: bool = False) -> Validated:
    """Checks every rule. With `cascade`, rows that point at a rejected record are rejected too
    (for loading only the valid rows); without it they are not reported twice."""
    today = today or dt.date.today()
    raws = export.tables
    checks = {name: _Checker(raw) for name, raw in raws.items()}
    typed: dict[str, pl.DataFrame] = {}

    if "initiatives" in raws:
        typed["initiatives"] = _check_initiatives(raws["initiatives"], today, checks["initiatives"])
    if "firms" in raws:
        check = checks["firms"]
        firms = _typed_columns(raws["firms"], raws["firms"].spec, check)
        _check_duplicates(firms, ["id"], "id", "duplicate id: already used at row {}", check)
        typed["firms"] = _normalise_countries(firms, check)

    def ids(table: str) -> tuple[pl.Series | None, pl.Series | None]:
        if table not in typed or any(p.column == "id" for p in checks[table].file_problems):
            return None, None
        usable, rejected = _usable_ids(typed[table], checks[table].bad_rows())
        return usable, (rejected if cascade else None)

    initiative_ids, rejected_initiatives = ids("initiatives")
    firm_ids, rejected_firms = ids("firms")
    if "memberships" in raws:
        check = checks["memberships"]
        memberships = _typed_columns(raws["memberships"], raws["memberships"].spec, check)
        _check_references(memberships, "firm_id", firm_ids, rejected_firms, "firm", check)
        _check_references(memberships, "initiative_id", initiative_ids, rejected_initiatives, "initiative", check)
        check.where(memberships, pl.col("joined_on") > today, "joined_on", "date is in the future")
        _check_duplicates(memberships, ["firm_id", "initiative_id"], "firm_id",
                          "this firm is already listed in this initiative, at row {}", check)
        typed["memberships"] = memberships
    if "collaborations" in raws:
        check = checks["collaborations"]
        collaborations = _typed_columns(raws["collaborations"], raws["collaborations"].spec, check)
        for column in ("initiative_a", "initiative_b"):
            _check_references(collaborations, column, initiative_ids, rejected_initiatives, "initiative", check)
        check.where(collaborations, pl.col("initiative_a") == pl.col("initiative_b"), "initiative_b",
                    "an initiative cannot collaborate with itself")
        check.where(collaborations, pl.col("started_on") > today, "started_on", "date is in the future")
        # a link is the same whichever initiative is named first
        pair = collaborations.with_columns(pl.min_horizontal("initiative_a", "initiative_b").alias("first"),
                                           pl.max_horizontal("initiative_a", "initiative_b").alias("second"))
        _check_duplicates(pair, ["first", "second", "programme"], "initiative_b",
                          "this link is already listed, at row {}", check)
        typed["collaborations"] = collaborations

    if "milestones" in raws:
        check = checks["milestones"]
        milestones = _typed_columns(raws["milestones"], raws["milestones"].spec, check)
        check.where(milestones, pl.col("date") > today, "date", "date is in the future")
        _check_duplicates(milestones, ["date"], "date", "another milestone has this date, at row {}", check)
        typed["milestones"] = milestones

    row_problems = pl.concat([check.problems() for check in checks.values()] or [pl.DataFrame(schema=PROBLEM_SCHEMA)],
                             how="vertical_relaxed")
    blocking = problem_frame([*export.problems, *(p for check in checks.values() for p in check.file_problems)])
    order = ["file", "row", "column"]
    return Validated(
        tables={name: typed[name] for name in TABLE_ORDER if name in typed},
        problems=pl.concat([row_problems, blocking]).sort(order, maintain_order=True),
        blocking=blocking.sort(order, maintain_order=True),
        rejected={name: _reasons(row_problems, raw) for name, raw in raws.items()},
        rows_read={name: raws[name].frame.height for name in TABLE_ORDER if name in raws},
        raw=dict(raws),
    )
