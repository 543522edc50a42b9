"""Save a PNG of the real Team > Agreement window on a made-up team workspace.

Usage::

    .venv/bin/python scripts/screenshot_agreement.py [--out docs/agreement.png]
        [--figure token_alpha] [--theme light|dark] [--size 860x720]

The workspace holds the storage package's sample articles, pre-annotated by the
extractor, and four annotators' layers: each accepts or rejects every suggestion and
sometimes changes its type, by a fixed pseudo-random rule of their own, so the pairs
agree to different degrees. The window is the one Team > Agreement opens, computed
in its worker. Works on the offscreen platform (the default here) and under Xvfb.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))  # screenshot.save_grab

#: The made-up annotators and how often each rejects a suggestion and changes a type.
ANNOTATORS = {"ana": (0.1, 0.05), "ben": (0.2, 0.1), "chloe": (0.15, 0.3), "dev": (0.35, 0.1)}


def annotate_layers(path: Path) -> None:
    """Give every annotator of :data:`ANNOTATORS` a reviewed version of each document."""
    from quotes.model import DocumentStatus, QuoteType, Status
    from storage.store import Store

    for seed, (name, (reject, retype)) in enumerate(ANNOTATORS.items()):
        chance = random.Random(seed)
        with Store(path, annotator=name, layer=name) as store:
            for summary in store.document_summaries():
                for record in store.attributions_for(summary.id):
                    if record.status is not Status.CANDIDATE or record.id is None:
                        continue
                    if chance.random() < reject:
                        store.reject_attribution(record.id)
                        continue
                    if chance.random() < retype:
                        other = next(t for t in QuoteType if t is not record.type)
                        store.set_attribution_type(record.id, other)
                    store.accept_attribution(record.id)
                store.set_document_status(summary.id, DocumentStatus.DONE)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("docs/agreement.png"))
    parser.add_argument("--figure", default="token_alpha", help="the matrix's figure (a key)")
    parser.add_argument("--theme", default="light", choices=("light", "dark"))
    parser.add_argument("--size", default="860x720", help="window size, WIDTHxHEIGHT")
    args = parser.parse_args(argv)
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtWidgets import QApplication
    from screenshot import save_grab

    from jobs.importing import import_articles
    from storage.samples import sample_articles
    from storage.store import Store
    from ui.shell.main_window import MainWindow
    from ui.shell.theme import apply_theme

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    apply_theme(app, args.theme)
    with tempfile.TemporaryDirectory(prefix="quote-annotator-shot-") as folder:
        path = Path(folder) / "team.sqlite"
        with Store(path, annotator="lead") as lead:
            import_articles(lead, sample_articles())
        annotate_layers(path)
        store = Store(path, annotator="lead")
        window = MainWindow(store)
        window.show()
        agreement = window.team_actions.show_agreement()
        width, height = (int(v) for v in args.size.split("x"))
        agreement.resize(width, height)
        deadline = time.monotonic() + 30
        while agreement.running and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.01)
        if agreement.result is None:
            print(f"no agreement: {agreement.status_label.text()}", file=sys.stderr)
            return 1
        agreement.figure_box.setCurrentIndex(agreement.figure_box.findData(args.figure))
        if not save_grab(agreement, args.out):
            return 1
        report = agreement.result.report
        print(
            f"saved {args.out} ({width}x{height}, {len(report.annotators)} annotators,"
            f" {len(report.documents)} documents, token alpha {report.token_alpha.value:.3f})"
        )
        window.close()
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
