"""The ``newsevents`` command: thin click commands over the library, rich tables for people."""

from .commands import cli, main

__all__ = ["cli", "main"]
