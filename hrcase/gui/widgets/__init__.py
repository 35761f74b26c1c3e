"""Reusable widgets: partial dates, record pickers, vocabularies, history, attachments."""
