#!/bin/sh
# Build hrcase.app and a .dmg on macOS (11 or newer, Apple silicon or Intel; Xcode command-line
# tools installed: `xcode-select --install`). Run from anywhere:
#
#   packaging/macos/build_app.sh
#
# Optional, for a signed and notarised app (needs a "Developer ID Application" certificate in the
# keychain and a notarytool profile made once with `xcrun notarytool store-credentials`):
#
#   CODESIGN_IDENTITY="Developer ID Application: Example Org (TEAMID)" \
#   NOTARY_PROFILE=hrcase-notary packaging/macos/build_app.sh
#
# Steps: packaging/build.py (hashed environment, icon .icns with iconutil, PyInstaller -> dist/hrcase.app,
# reproducible .app.tar.gz, smoke test of dist/hrcase), then optional signing/notarisation, then the
# .dmg (hdiutil), then dist/SHA256SUMS again over every artefact. The .dmg is not bit-for-bit
# reproducible (hdiutil writes its own time stamps and UUIDs); the .app.tar.gz is.
set -eu

[ "$(uname -s)" = Darwin ] || { echo "this script runs on macOS only" >&2; exit 1; }
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
PYTHON=${PYTHON:-python3}

"$PYTHON" packaging/build.py "$@"

VERSION=$("$PYTHON" -c 'import re,sys; print(re.search(r"__version__ = \"([^\"]+)\"", open("hrcase/__init__.py").read()).group(1))')
ARCH=$(uname -m)
APP=dist/hrcase.app
DMG="dist/hrcase-$VERSION-macos-$ARCH.dmg"

if [ -n "${CODESIGN_IDENTITY:-}" ]; then
  # Hardened runtime; sign every Mach-O inside first, then the bundle.
  find "$APP/Contents" -type f \( -name "*.so" -o -name "*.dylib" -o -perm -u+x \) -print0 |
    xargs -0 codesign --force --timestamp --options runtime --sign "$CODESIGN_IDENTITY"
  codesign --force --timestamp --options runtime --sign "$CODESIGN_IDENTITY" "$APP"
  codesign --verify --deep --strict --verbose=2 "$APP"
fi

STAGE=build/dmg
rm -rf "$STAGE" "$DMG"
mkdir -p "$STAGE"
cp -R "$APP" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
hdiutil create -volname "hrcase $VERSION" -srcfolder "$STAGE" -fs HFS+ -format UDZO -ov "$DMG"

if [ -n "${CODESIGN_IDENTITY:-}" ]; then
  codesign --force --timestamp --sign "$CODESIGN_IDENTITY" "$DMG"
  if [ -n "${NOTARY_PROFILE:-}" ]; then
    xcrun notarytool submit "$DMG" --keychain-profile "$NOTARY_PROFILE" --wait
    xcrun stapler staple "$DMG"
  fi
fi

(cd dist && shasum -a 256 hrcase-*.tar.gz hrcase-*.dmg > SHA256SUMS)
echo "built $DMG"
cat dist/SHA256SUMS
