"""Process hardening, checked from inside a fresh process (the settings are per process)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from ..helpers import ROOT

PROBE = """
import ctypes, json, resource, sys
{setup}
libc = ctypes.CDLL(None)
print(json.dumps({{"core": resource.getrlimit(resource.RLIMIT_CORE),
                  "dumpable": libc.prctl(3, 0, 0, 0, 0)}}))
"""


def _probe(setup: str) -> dict[str, object]:
    import json

    result = subprocess.run([sys.executable, "-c", PROBE.format(setup=setup)], capture_output=True,
                            text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl is Linux only")
def test_harden_process_turns_off_core_dumps_and_ptrace_by_others() -> None:
    assert _probe("")["dumpable"] == 1  # a plain Python process is dumpable
    found = _probe("from hrcase.vault.hardening import harden_process\n"
                   "h = harden_process(); assert h.core_dumps_off and h.not_dumpable, h")
    assert found == {"core": [0, 0], "dumpable": 0}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl is Linux only")
def test_the_command_line_hardens_itself_first() -> None:
    found = _probe("from hrcase.cli import main\n"
                   "try:\n    main(['--version'])\nexcept SystemExit:\n    pass")
    assert found == {"core": [0, 0], "dumpable": 0}


def test_is_dumpable_reports_this_platform() -> None:
    from hrcase.vault.hardening import is_dumpable

    assert is_dumpable() in ((True, False) if sys.platform.startswith("linux") else (None,))
