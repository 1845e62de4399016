"""Where the packaged reference data lives (``newsevents/data``, see its ``NOTICE.md``)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def data_path(*parts: str) -> Path:
    """Path of a packaged data file: ``data_path("phoenix", "Phoenix.agents.txt")``."""
    return Path(str(resources.files("newsevents"))).joinpath("data", *parts)
