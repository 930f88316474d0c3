"""What the registry is described with: code lists, geography, text folding. See analytics/__init__.py."""
