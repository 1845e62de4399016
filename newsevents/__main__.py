"""``python -m newsevents``."""

from .cli import main

main()
