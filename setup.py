"""Build hooks of hrcase; everything else is declared in pyproject.toml.

* ``build_py`` compiles ``translations/<lang>/LC_MESSAGES/hrcase.po`` into
  ``hrcase/locale/<lang>/LC_MESSAGES/hrcase.mo`` inside the build folder with Babel, so every
  wheel (``pip install .``) ships compiled catalogs. Fuzzy entries are left out. A build without
  any catalog fails instead of silently shipping an English-only program.
* ``sdist`` adds the catalog sources (and the extraction set-up) to the source archive, so a
  wheel built from it has them too.

An editable install compiles nothing: the running program then reads the ``.po`` files of the
checkout directly (see ``hrcase/i18n``).
"""

from __future__ import annotations

import io
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.command.sdist import sdist
from setuptools.errors import SetupError

ROOT = Path(__file__).resolve().parent
DOMAIN = "hrcase"


def _catalog_sources() -> list[Path]:
    return sorted((ROOT / "translations").glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


class BuildPyWithCatalogs(build_py):
    """``build_py`` that also compiles the gettext catalogs into the package."""

    def run(self) -> None:
        """Build the Python files, then the catalogs."""
        super().run()
        if not getattr(self, "editable_mode", False):
            self._compile_catalogs()

    def _mo_target(self, source: Path) -> Path:
        lang = source.parent.parent.name
        return Path(self.build_lib) / DOMAIN / "locale" / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"

    def _compile_catalogs(self) -> None:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        sources = _catalog_sources()
        if not sources:
            raise SetupError("no translations/*/LC_MESSAGES/hrcase.po found: the interface "
                             "catalogs are missing from this source tree")
        for source in sources:
            lang = source.parent.parent.name
            with source.open("rb") as handle:
                catalog = read_po(handle, locale=lang, domain=DOMAIN)
            buffer = io.BytesIO()
            write_mo(buffer, catalog, use_fuzzy=False)
            target = self._mo_target(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(buffer.getvalue())
            self.announce(f"compiled {source.relative_to(ROOT)} -> {target}", level=2)

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        """The built files, the compiled catalogs included."""
        outputs = list(super().get_outputs(include_bytecode))
        if not getattr(self, "editable_mode", False):
            outputs += [str(self._mo_target(source)) for source in _catalog_sources()]
        return outputs


class SdistWithCatalogs(sdist):
    """``sdist`` that also packs the catalog sources and the extraction set-up."""

    def make_release_tree(self, base_dir: str, files: list[str]) -> None:
        """The usual tree plus translations/ and babel.cfg (no MANIFEST.in needed)."""
        super().make_release_tree(base_dir, files)
        extra = [ROOT / "babel.cfg", *sorted((ROOT / "translations").glob("*.pot")),
                 *_catalog_sources()]
        for path in extra:
            if path.is_file():
                target = Path(base_dir) / path.relative_to(ROOT)
                self.mkpath(str(target.parent))
                self.copy_file(str(path), str(target))

setup(cmdclass={"build_py": BuildPyWithCatalogs, "sdist": SdistWithCatalogs})
