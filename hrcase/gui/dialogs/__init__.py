"""Dialogs shown outside the unlocked vault: welcome, create, unlock, recovery key, preferences."""
