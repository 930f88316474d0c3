"""The documents cannot drift from the code: each is generated from, or checked against, its source."""

from __future__ import annotations

from pathlib import Path

from analytics.ingest import registry_format

ROOT = Path(__file__).resolve().parents[2]


def test_registry_format_document_matches_the_spec():
    document = (ROOT / "docs" / "registry-format.md").read_text(encoding="utf-8")
    assert document == registry_format.markdown(), "run: python -m analytics.ingest.registry_format > docs/registry-format.md"


def test_every_column_is_documented():
    document = (ROOT / "docs" / "registry-format.md").read_text(encoding="utf-8")
    for table in registry_format.TABLES:
        for column in table.columns:
            assert f"| `{column.name}` |" in document
