"""hrcase: offline, encrypted case files for human-rights field researchers."""

__version__ = "0.1.0"
