#!/bin/sh
# Install the unpacked hrcase folder (this script sits at its top) for one user or for everyone.
#
#   ./install.sh            # for you: ~/.local/lib/hrcase, ~/.local/bin/hrcase, menu entry, icons
#   sudo ./install.sh --system   # for everyone: /opt/hrcase, /usr/local/bin/hrcase, /usr/local/share
#   ./install.sh --uninstall [--system]
#
# Nothing outside these folders is touched, and no vault or setting is removed on uninstall.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
APP_ID=org.hrcase.HRCase
SYSTEM=0
UNINSTALL=0
for arg in "$@"; do
  case "$arg" in
    --system) SYSTEM=1 ;;
    --uninstall) UNINSTALL=1 ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "unknown option: $arg" >&2; exit 2 ;;
  esac
done

if [ "$SYSTEM" = 1 ]; then
  TARGET=/opt/hrcase BIN=/usr/local/bin SHARE=/usr/local/share
else
  TARGET="$HOME/.local/lib/hrcase" BIN="$HOME/.local/bin" SHARE="${XDG_DATA_HOME:-$HOME/.local/share}"
fi

refresh() {
  command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$SHARE/applications" || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$SHARE/icons/hicolor" || true
}

if [ "$UNINSTALL" = 1 ]; then
  rm -rf "$TARGET"
  rm -f "$BIN/hrcase" "$SHARE/applications/$APP_ID.desktop" "$SHARE/metainfo/$APP_ID.metainfo.xml"
  find "$SHARE/icons/hicolor" -name "$APP_ID.*" -delete 2>/dev/null || true
  refresh
  echo "hrcase removed (your vaults were not touched)."
  exit 0
fi

[ -x "$HERE/hrcase" ] || { echo "run this script from the unpacked hrcase folder" >&2; exit 1; }
if [ "$HERE" != "$TARGET" ]; then
  rm -rf "$TARGET"
  mkdir -p "$(dirname "$TARGET")"
  cp -a "$HERE" "$TARGET"
fi
mkdir -p "$BIN" "$SHARE/applications" "$SHARE/metainfo"
ln -sf "$TARGET/hrcase" "$BIN/hrcase"
sed "s|^Exec=hrcase|Exec=$TARGET/hrcase|; s|^TryExec=hrcase|TryExec=$TARGET/hrcase|" \
  "$HERE/share/applications/$APP_ID.desktop" > "$SHARE/applications/$APP_ID.desktop"
cp "$HERE/share/metainfo/$APP_ID.metainfo.xml" "$SHARE/metainfo/"
(cd "$HERE/share" && find icons -type f) | while read -r icon; do
  mkdir -p "$SHARE/$(dirname "$icon")"
  cp "$HERE/share/$icon" "$SHARE/$icon"
done
refresh
echo "hrcase installed in $TARGET; start it from the menu or with: $BIN/hrcase"
