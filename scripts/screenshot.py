"""Save a PNG of the real main window on a temporary workspace (for the README).

Usage::

    .venv/bin/python scripts/screenshot.py [ARTICLE.txt ...] [--out docs/screenshot.png]
        [--select N] [--accept N] [--size 1280x820]

Without articles the workspace holds the storage package's sample articles. The
window is the one ``app.py`` opens; ``--accept`` accepts the first N records and
``--select`` makes record N (1-based) current, so the picture shows every look a
record can have. Works on the offscreen platform (the default here) and under Xvfb.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def save_grab(widget: QWidget, out: Path) -> bool:
    """Let ``widget`` settle, then save a PNG of it to ``out`` (folders made); False,
    said on stderr, when it could not be written. (Also used by screenshot_agreement.)"""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    for _ in range(5):
        if app is not None:
            app.processEvents()
    out.parent.mkdir(parents=True, exist_ok=True)
    if widget.grab().save(str(out)):
        return True
    print(f"could not write {out}", file=sys.stderr)
    return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("articles", nargs="*", type=Path, help="article files to import")
    parser.add_argument("--out", type=Path, default=Path("docs/screenshot.png"))
    parser.add_argument("--accept", type=int, default=2, help="accept the first N records")
    parser.add_argument("--reject", type=int, default=1, help="then reject the next N")
    parser.add_argument("--select", type=int, default=1, help="make record N current")
    parser.add_argument("--size", default="1280x820", help="window size, WIDTHxHEIGHT")
    args = parser.parse_args(argv)
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtWidgets import QApplication

    from formats.readers import read_paths
    from jobs.importing import import_articles
    from storage.samples import sample_articles
    from storage.store import Store
    from ui.shell.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory(prefix="quote-annotator-shot-") as folder:
        store = Store(Path(folder) / "workspace.sqlite")
        problems: list = []
        articles = list(read_paths(args.articles, problems=problems)) if args.articles else []
        for problem in problems:
            print(f"warning: {problem}", file=sys.stderr)
        import_articles(store, articles or sample_articles())
        window = MainWindow(store)
        width, height = (int(v) for v in args.size.split("x"))
        window.resize(width, height)
        window.show()
        app.processEvents()
        actions = window.annotation_actions
        window.attribution_panel.select_next()
        for _ in range(args.accept):
            actions.accept.trigger()
        for _ in range(args.reject):
            actions.reject.trigger()
        rows = window.attribution_model.rowCount()
        if rows and args.select:
            target = window.attribution_model.attribution_at(min(args.select, rows) - 1)
            window.current.set_attribution(target.id)
        if not save_grab(window, args.out):
            return 1
        print(f"saved {args.out} ({width}x{height}, {rows} records in the first document)")
        window.close()
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
