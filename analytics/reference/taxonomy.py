"""The registry's classifications (data/reference/code_lists.csv), each code with its names in English, Spanish and
Portuguese, and which column holds codes of which list.

Everything that names a sector, an initiative type, a status, a firm size class or a
subregion reads it from here: the validator (allowed values and aliases), the database
(`sectors` table), the demo writer and the app's labels. A code is what is stored; a
name is what is shown.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

LANGUAGES = ("en", "es", "pt")


@dataclass(frozen=True)
class Term:
    code: str
    en: str
    es: str
    pt: str

    def name(self, lang: str) -> str:
        return getattr(self, lang if lang in LANGUAGES else "en")


CODE_LISTS_CSV = Path(__file__).resolve().parents[2] / "data" / "reference" / "code_lists.csv"


def _read_code_lists(path: Path = CODE_LISTS_CSV) -> dict[str, tuple[Term, ...]]:
    """Every code list, in the file's order: columns list, code, en, es, pt."""
    tables: dict[str, list[Term]] = {}
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            tables.setdefault(row["list"], []).append(Term(row["code"], row["en"], row["es"], row["pt"]))
    return {name: tuple(terms) for name, terms in tables.items()}


# The lists live in data/reference/code_lists.csv, kept by hand (a code is what is stored; its names are shown):
# - eclac_sector: ECLAC's driving sectors ("sectores dinamizadores"), in ECLAC's order;
# - isic_section: ISIC Rev. 4 sections, the general classification for initiatives outside the driving sectors;
# - type, status, size_class: an initiative's type and status, a member firm's size;
# - subregion: ECLAC groups Mexico with Central America in its subregional statistics.
TABLES = _read_code_lists()
ECLAC_SECTORS = TABLES["eclac_sector"]
ISIC_SECTIONS = TABLES["isic_section"]
INITIATIVE_TYPES = TABLES["type"]
STATUSES = TABLES["status"]
SIZE_CLASSES = TABLES["size_class"]
SUBREGIONS = TABLES["subregion"]

# The two ways a sector is classified (docs/glossary.md): ECLAC's driving sectors, ISIC Rev. 4 sections.
SECTOR_SCHEMES = ("eclac_sector", "isic_section")
# The export's list columns of sectors, each with its scheme: an initiative's first listed is its primary sector.
SECTOR_LIST_COLUMNS = {"priority_sectors": "eclac_sector", "isic_sections": "isic_section"}
# Every column that holds codes, wherever it appears, and the code list (a key of TABLES) that names them:
# the export's columns (docs/registry-format.md), then those the build and the downloads derive from them.
CODE_LIST_OF_COLUMN = {
    "type": "type", "status": "status", "size_class": "size_class", **SECTOR_LIST_COLUMNS, "isic_section": "isic_section",
    "primary_sector": "eclac_sector", "primary_isic": "isic_section", "sectors": "eclac_sector",
}


def codes(table: str) -> tuple[str, ...]:
    return tuple(term.code for term in TABLES[table])


def label(table: str, code: str | None, lang: str = "en") -> str:
    """The name of a code in a language; an unknown code is shown as itself, never dropped."""
    if code is None:
        return ""
    for term in TABLES[table]:
        if term.code == code:
            return term.name(lang)
    return str(code)


def labels(table: str, lang: str = "en") -> dict[str, str]:
    return {term.code: term.name(lang) for term in TABLES[table]}
