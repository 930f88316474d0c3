"""The code lists read from data/reference/code_lists.csv, and the map of which column holds which."""

from __future__ import annotations

import pytest

from analytics.ingest.registry_format import TABLES as EXPORT_TABLES
from analytics.reference import taxonomy


def test_every_list_is_read_with_unique_codes_and_three_names():
    assert set(taxonomy.TABLES) == {"eclac_sector", "isic_section", "type", "status", "size_class", "subregion"}
    for name, terms in taxonomy.TABLES.items():
        codes = [term.code for term in terms]
        assert len(codes) == len(set(codes)), name
        assert all(term.code and term.en and term.es and term.pt for term in terms), name


def test_the_public_facts_of_the_lists():
    assert len(taxonomy.ECLAC_SECTORS) == 14  # ECLAC's driving sectors
    assert taxonomy.codes("isic_section") == tuple(chr(code) for code in range(ord("A"), ord("U") + 1))  # ISIC Rev. 4
    assert taxonomy.codes("size_class") == ("micro", "small", "medium", "large")


def test_a_code_is_named_in_each_language_and_an_unknown_one_shown_as_itself():
    assert taxonomy.label("status", "validated", "es") == "Validada"
    assert taxonomy.label("status", "validated", "xx") == "Validated"
    assert taxonomy.label("status", "retired") == "retired"
    assert taxonomy.label("status", None) == ""


def test_every_coded_export_column_names_a_list():
    coded = {column.name for table in EXPORT_TABLES for column in table.columns if column.name in taxonomy.CODE_LIST_OF_COLUMN}
    assert {"type", "status", "size_class", "priority_sectors", "isic_sections", "isic_section"} <= coded
    assert set(taxonomy.CODE_LIST_OF_COLUMN.values()) <= set(taxonomy.TABLES)
    assert set(taxonomy.SECTOR_LIST_COLUMNS.values()) == set(taxonomy.SECTOR_SCHEMES)


def test_a_list_file_is_read_in_its_own_order(tmp_path):
    path = tmp_path / "code_lists.csv"
    path.write_text("list,code,en,es,pt\nstatus,b,B,Be,Bê\nstatus,a,A,A,A\ntype,x,X,Equis,Xis\n", encoding="utf-8")
    tables = taxonomy._read_code_lists(path)
    assert [term.code for term in tables["status"]] == ["b", "a"]
    assert tables["type"][0].name("pt") == "Xis"
    with pytest.raises(KeyError):
        tables["subregion"]
