"""Files shipped inside installed packages (the offline sources of the reference data), found in one way."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def package_file(package: str, *parts: str, install: str | None = None) -> Path:
    """The path of a file shipped inside `package` (an import name); says what to install when it is missing."""
    try:
        root = resources.files(package)
    except ModuleNotFoundError as error:
        raise ModuleNotFoundError(f"{install or package} is not installed: pip install {install or package}") from error
    return Path(str(root.joinpath(*parts)))
