"""The soak runs are not tests for every run: pytest collects nothing here.

Run them with ``python -m tests.soak`` (see tests/soak/__main__.py); they print their figures.
"""

collect_ignore_glob = ["*.py"]
