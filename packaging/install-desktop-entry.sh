#!/bin/sh
# Add the bundled Quote Annotator to this user's application menu (Linux).
# Run from the unpacked bundle folder: ./install-desktop-entry.sh
# It writes ~/.local/share/applications/quote-annotator.desktop, pointing at this
# folder's executable, and the icon into the user's icon theme. Nothing needs root.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data="${XDG_DATA_HOME:-$HOME/.local/share}"
mkdir -p "$data/applications" "$data/icons/hicolor/256x256/apps" "$data/icons/hicolor/scalable/apps"
cp "$here/quote-annotator.png" "$data/icons/hicolor/256x256/apps/quote-annotator.png"
cp "$here/quote-annotator.svg" "$data/icons/hicolor/scalable/apps/quote-annotator.svg"
sed -e "s|^Exec=quote-annotator|Exec=\"$here/quote-annotator\"|" \
    -e "s|^TryExec=quote-annotator|TryExec=$here/quote-annotator|" \
    "$here/quote-annotator.desktop" > "$data/applications/quote-annotator.desktop"
echo "Added Quote Annotator to $data/applications (it may take a moment to show in the menu)."
