"""Text folding: the one way the atlas compares names ("México", "MEXICO" and "mexico " are the same)."""

from __future__ import annotations

import unicodedata


def normalise_text(text: str) -> str:
    """Fold case and accents and collapse white space, so that "México", "MEXICO" and "mexico " compare equal."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())
