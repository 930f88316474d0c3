"""Export → database: read, validate, load, compare and swap in. See analytics/__init__.py."""
