"""Allow `python -m callprep`."""

from callprep.cli import main

main()
