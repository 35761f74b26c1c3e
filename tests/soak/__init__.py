"""Long fault runs (not collected by pytest): ``python -m tests.soak`` prints the figures."""
