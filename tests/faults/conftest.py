"""Fault tests: report how many hostile inputs were tried; clean up the shared fuzz vault."""

from __future__ import annotations

from typing import Any

from .hostile import TRIED, close_shared


def pytest_sessionfinish(session: Any, exitstatus: int) -> None:
    close_shared()


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if TRIED:
        terminalreporter.write_line(
            "hostile inputs tried: " + ", ".join(f"{k} {v}" for k, v in sorted(TRIED.items()))
            + f" (total {sum(TRIED.values())})")
