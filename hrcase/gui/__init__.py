"""The desktop front end (PySide6).

Only this package imports Qt. It holds no business logic: every record goes through
``hrcase.services``; long work runs in :mod:`hrcase.gui.jobs` off the GUI thread. The entry point
is :func:`hrcase.gui.app.run`.
"""
