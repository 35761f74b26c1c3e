"""Process hardening: no core dumps, and no other (non-root) process may read our memory.

A crash dump or a debugger attached to a running hrcase would see the data key and decrypted
records in memory. ``harden_process()`` closes the doors the operating system lets a process
close for itself; it is called once at start-up, before any vault is opened.

What each system allows:

- **Linux**: ``RLIMIT_CORE = 0`` (no core file is written when the process crashes) and
  ``prctl(PR_SET_DUMPABLE, 0)``: no core dump even through a ``core_pattern`` pipe such as
  systemd-coredump or apport, and other processes of the same user can no longer
  ``ptrace``-attach (gdb, strace) or read ``/proc/<pid>/mem``/``environ``. Root, and a parent
  debugger that started hrcase under ``ptrace`` from the beginning, still can.
- **macOS and the BSDs**: ``RLIMIT_CORE = 0``. macOS offers ``ptrace(PT_DENY_ATTACH)``, but it
  is a debugging deterrent that root and anyone who patches the call defeat, and it makes
  crash reports useless; hrcase does not use it.
- **Windows**: no core-limit or dumpable flag exists; Windows Error Reporting may write a
  crash dump (local dumps are off by default), and a process of the same user can open ours
  with ``PROCESS_VM_READ``. Only the platform can prevent that; nothing is done here.

None of this protects against an attacker with root or with physical access to a running
machine (cold boot, DMA); see docs/security.md.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
from dataclasses import dataclass

PR_SET_DUMPABLE = 4
PR_GET_DUMPABLE = 3


@dataclass(frozen=True)
class Hardening:
    """What ``harden_process`` achieved on this system."""

    core_dumps_off: bool
    not_dumpable: bool


def harden_process() -> Hardening:
    """Turn off core dumps and, on Linux, mark the process not dumpable; never raises."""
    return Hardening(core_dumps_off=_no_core_dumps(), not_dumpable=_not_dumpable())


def _no_core_dumps() -> bool:
    try:
        import resource
    except ImportError:  # Windows
        return False
    try:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (OSError, ValueError):
        return False
    return resource.getrlimit(resource.RLIMIT_CORE) == (0, 0)


def _not_dumpable() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        prctl = libc.prctl
        prctl.restype = ctypes.c_int
        prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong,
                          ctypes.c_ulong]
        if prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0:
            return False
        return prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def is_dumpable() -> bool | None:
    """Linux: whether the process may be dumped or ptrace-attached; None elsewhere."""
    if not sys.platform.startswith("linux"):
        return None
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    return bool(libc.prctl(PR_GET_DUMPABLE, 0, 0, 0, 0))
