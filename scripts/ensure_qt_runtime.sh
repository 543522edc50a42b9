#!/usr/bin/env bash
# Make sure Qt can start headless: the tests run on the offscreen platform, and
# the screenshot script can also use a virtual X screen (Xvfb). PySide6's wheels
# carry Qt itself but link against a few system libraries that minimal machines
# lack. We probe instead of installing blindly, and we only call apt-get when we
# are root on a Debian-like system: on a developer's own machine nothing is
# installed behind their back; we say what is missing instead.
set -euo pipefail
python="${1:-.venv/bin/python}"

probe() {
    QT_QPA_PLATFORM=offscreen "$python" - <<'PY' >/dev/null 2>&1
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel("probe")
label.show()
app.processEvents()
PY
}

if probe && command -v Xvfb >/dev/null 2>&1; then
    exit 0
fi

packages=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6
          libdbus-1-3 libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
          libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-image0
          fonts-dejavu-core xvfb xauth)

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing the system libraries Qt needs to run headless..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi

if ! probe; then
    echo "Qt cannot start on the offscreen platform. Install these system packages" >&2
    echo "(Debian/Ubuntu names): ${packages[*]}" >&2
    exit 1
fi
