"""IAPT Atlas's own package: everything between a registry export and the figures a page shows. Never imports
Streamlit, so every part is tested with plain pytest.

- `analytics.ingest`: export → database. `registry_format` (the one column spec), `reader`, `validate`, `load`
  (tables, reference tables, derived columns), `changes` (what a new database changes), `swap` (lock, backups,
  staging), `build` (`stage`, `commit`, `discard`, `build`, returning a frozen `BuildResult`), `demo`.
- `analytics.reference`: what the registry is described with. `taxonomy` (code lists in three languages, and which
  column holds which), `gazetteer` (countries, admin-1 regions, cities, populations, read from `data/reference/`),
  `text` (folding of accents and case), `packages` (files inside installed packages).
- `analytics.serving`: database → answers. `db` (the one module that opens the database), `filters` (the shared
  filter, one declarative row per filter), `queries` (parameterised SQL → Polars), `specialisation`, `story`,
  `downloads`.
- `analytics.i18n` (UI text from the gettext catalogs in `locales/`, numbers and dates by CLDR), `analytics.safe_csv`
  (CSV written so that no cell is run as a formula), `analytics.cli` (the `iapt` command), `analytics.serve`
  (`iapt serve`: app processes behind HAProxy).

Public: the modules named above and their names without a leading underscore. `schema.sql` is the database's
definition, read by both `ingest.load` and `serving.db`.
"""
