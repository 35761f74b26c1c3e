"""Interface preferences kept in QSettings.

QSettings lives outside the vault, unencrypted, so it holds layout and preferences only — never
record content. The list of recent vaults reveals where case files are (a folder name can name a
case), so it is stored only after the user opts in, and removed when they opt out.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from hrcase.i18n import LANGUAGES

DEFAULT_IDLE_MINUTES = 5
MAX_RECENT = 8


class GuiSettings:
    """Typed access to the few values the desktop app remembers between runs."""

    def __init__(self, store: QSettings | None = None) -> None:
        self._s = store if store is not None else QSettings()

    # -- locking -------------------------------------------------------------------------------
    @property
    def idle_minutes(self) -> int:
        """Minutes without input before the vault locks itself (0 turns auto-lock off)."""
        try:
            value = int(self._s.value("lock/idle_minutes", DEFAULT_IDLE_MINUTES))
        except (TypeError, ValueError):
            return DEFAULT_IDLE_MINUTES
        return max(0, min(value, 240))

    @idle_minutes.setter
    def idle_minutes(self, minutes: int) -> None:
        self._s.setValue("lock/idle_minutes", int(minutes))

    # -- language ------------------------------------------------------------------------------
    @property
    def language(self) -> str | None:
        """The interface language chosen last, if any."""
        value = self._s.value("ui/language", None)
        return value if value in LANGUAGES else None

    @language.setter
    def language(self, lang: str) -> None:
        self._s.setValue("ui/language", lang)

    # -- recent vaults (opt-in) ----------------------------------------------------------------
    @property
    def remember_recent(self) -> bool:
        """Whether the user allowed hrcase to remember the vaults they opened."""
        return str(self._s.value("recent/enabled", "false")).lower() == "true"

    @remember_recent.setter
    def remember_recent(self, allowed: bool) -> None:
        self._s.setValue("recent/enabled", "true" if allowed else "false")
        if not allowed:
            self._s.remove("recent/vaults")

    def recent_vaults(self) -> list[Path]:
        """Vault folders opened recently (empty unless the user opted in)."""
        if not self.remember_recent:
            return []
        raw = self._s.value("recent/vaults", [])
        if isinstance(raw, str):
            raw = [raw]
        return [Path(p) for p in (raw or []) if p]

    def add_recent_vault(self, path: Path) -> None:
        """Put ``path`` first in the recent list — only if the user opted in."""
        if not self.remember_recent:
            return
        path = Path(path).resolve()
        paths = [p for p in self.recent_vaults() if p != path]
        self._s.setValue("recent/vaults", [str(p) for p in [path, *paths][:MAX_RECENT]])

    def forget_recent_vault(self, path: Path) -> None:
        """Take ``path`` out of the recent list (a destroyed vault)."""
        path = Path(path).resolve()
        if self.recent_vaults():
            self._s.setValue("recent/vaults", [str(p) for p in self.recent_vaults() if p != path])

    def forget_recent_vaults(self) -> None:
        """Remove the recent list from disk."""
        self._s.remove("recent/vaults")

    # -- layout --------------------------------------------------------------------------------
    def layout(self, key: str) -> QByteArray | None:
        """A saved geometry or splitter/header state (opaque Qt bytes)."""
        value = self._s.value(f"layout/{key}")
        return value if isinstance(value, QByteArray) else None

    def set_layout(self, key: str, state: QByteArray) -> None:
        """Remember a geometry or splitter/header state."""
        self._s.setValue(f"layout/{key}", state)

    def sync(self) -> None:
        """Write pending changes to disk."""
        self._s.sync()
