"""Entry point for `python -m thidua`."""

from thidua.entry import main

if __name__ == "__main__":
    main()
