#!/bin/sh
# Put casedesk in the current user's application menu (no root needed):
#   ./install-desktop.sh            (run from the unpacked casedesk folder)
# It links ~/.local/bin/casedesk to this folder's executable and installs the desktop entry
# and icon under ~/.local/share.  Remove them with ./install-desktop.sh --uninstall.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
bin=$HOME/.local/bin
if [ "${1:-}" = "--uninstall" ]; then
    rm -f "$bin/casedesk" "$data/applications/casedesk.desktop" \
          "$data/icons/hicolor/256x256/apps/casedesk.png" \
          "$data/icons/hicolor/scalable/apps/casedesk.svg"
    echo "casedesk removed from the application menu (this folder is left as it is)."
    exit 0
fi
mkdir -p "$bin" "$data/applications" "$data/icons/hicolor/256x256/apps" \
         "$data/icons/hicolor/scalable/apps"
ln -sf "$here/casedesk" "$bin/casedesk"
sed "s|^Exec=casedesk|Exec=$here/casedesk|" "$here/casedesk.desktop" \
    > "$data/applications/casedesk.desktop"
cp "$here/casedesk.png" "$data/icons/hicolor/256x256/apps/casedesk.png"
cp "$here/casedesk.svg" "$data/icons/hicolor/scalable/apps/casedesk.svg"
command -v update-desktop-database >/dev/null 2>&1 \
    && update-desktop-database "$data/applications" || true
echo "casedesk is in the application menu; the command is $bin/casedesk"
