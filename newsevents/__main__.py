"""``python -m newsevents``."""

from .cli.commands import main

main()
