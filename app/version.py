"""The version, from the installed package metadata (one source: pyproject.toml)."""

from __future__ import annotations

from importlib import metadata


def version() -> str:
    try:
        return metadata.version("hearth")
    except metadata.PackageNotFoundError:  # running from a source tree that was never installed
        return "0+unknown"
