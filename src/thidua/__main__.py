"""Entry point for `python -m thidua`."""

from thidua.cli import main

if __name__ == "__main__":
    main()
