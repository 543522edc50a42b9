"""Fixtures for the GUI tests: a temporary workspace, the real window, and a guard
that fails any test which leaves a worker running.

The workspace is a file (not ``:memory:``) because the import and export workers
open their own store on it, as they do in the app. Its article's records are
given explicitly, so the tests do not depend on what the extractor finds.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, QThreadPool

from jobs.importing import import_articles
from quotes.model import Article, Attribution, QuoteType, Span
from storage.store import Store
from ui.shell.main_window import MainWindow
from ui.shell.workers import running_tasks

# Written for these tests: a split quotation, an indirect one with a pronoun
# speaker, and markup-looking characters that must stay plain text.
ARTICLE_TEXT = (
    '"We will reopen the bridge in May," the mayor said on Monday, '
    '"and the ferry keeps running until then."\n'
    "Residents complained that the detour added an hour to their commute.\n"
    '"It has been a long winter," said Ana Ruiz, a baker.\n'
    'She warned that <b>bold</b> promises and <img src="x.png"> signs fix nothing.'
)


def span_of(text: str, words: str, start: int = 0) -> Span:
    """The span of the first ``words`` in ``text`` at or after ``start``."""
    begin = text.index(words, start)
    return Span(begin, begin + len(words))


def article_records(text: str = ARTICLE_TEXT) -> tuple[Attribution, ...]:
    """Three candidate records of the test article, in text order."""
    return (
        Attribution(
            fragments=(
                span_of(text, '"We will reopen the bridge in May,"'),
                span_of(text, '"and the ferry keeps running until then."'),
            ),
            type=QuoteType.DIRECT,
            cue=span_of(text, "said"),
            speaker=span_of(text, "the mayor"),
            speaker_name="the mayor",
        ),
        Attribution(
            fragments=(span_of(text, '"It has been a long winter,"'),),
            type=QuoteType.DIRECT,
            cue=span_of(text, "said", text.index("winter")),
            speaker=span_of(text, "Ana Ruiz"),
            speaker_name="Ana Ruiz",
        ),
        Attribution(
            fragments=(
                span_of(text, '<b>bold</b> promises and <img src="x.png"> signs fix nothing'),
            ),
            type=QuoteType.INDIRECT,
            cue=span_of(text, "warned"),
            speaker=span_of(text, "She"),
            speaker_name="Ana Ruiz",
        ),
    )


def fail_if_workers_running(grace_ms: int = 5000) -> None:
    """Fail (after cancelling them) if worker tasks are still running or undelivered.

    A worker outliving its test would write into the next test's workspace or
    crash the interpreter at exit; ``grace_ms`` lets one that is finishing end.
    """
    pool = QThreadPool.globalInstance()
    finished = pool.waitForDone(grace_ms)
    # A finished job's result is queued to the main thread; deliver it before judging.
    QCoreApplication.processEvents()
    left = running_tasks()
    if finished and not left:
        return
    names = ", ".join(task.name for task in left) or "a pool thread"
    for task in left:
        task.cancel()
    pool.waitForDone(grace_ms)
    QCoreApplication.processEvents()
    pytest.fail(f"the test left a worker running or undelivered: {names}")


@pytest.fixture(autouse=True, scope="session")
def settings_in_a_temporary_folder(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep the app's QSettings (last CSV mapping, export folder) out of the user's
    configuration: widgets built with the default ``QSettings(organisation, app)``
    write under a temporary folder instead."""
    folder = str(tmp_path_factory.mktemp("qsettings"))
    for format in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(format, QSettings.Scope.UserScope, folder)


@pytest.fixture(autouse=True)
def no_worker_left_running(qapp) -> Iterator[None]:
    """Fail the test that leaves an import/export worker (or any pool thread) running."""
    yield
    fail_if_workers_running()


def fill_workspace(path: Path, articles: list[Article]) -> Path:
    """Create the workspace at ``path`` holding ``articles`` (each one and each of its
    records must go in) and return ``path``."""
    with Store(path) as store:
        report = import_articles(store, articles)
    assert report.imported == len(articles)
    assert report.attributions == sum(len(article.attributions) for article in articles)
    return path


def show_window(qtbot, store: Store, **kwargs: object) -> MainWindow:
    """The real main window on ``store``, shown and active (shortcuts need that)."""
    window = MainWindow(store, **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def record_id(window: MainWindow, row: int) -> int:
    """The id of the record in ``row`` of the window's records table."""
    found = window.attribution_model.attribution_at(row).id
    assert found is not None
    return found


@pytest.fixture
def workspace_path(tmp_path: Path) -> Path:
    """A workspace file holding the test article with its three candidate records."""
    bridge = Article(text=ARTICLE_TEXT, title="Bridge", attributions=article_records())
    assert len(bridge.attributions) == 3
    return fill_workspace(tmp_path / "workspace.sqlite", [bridge])


@pytest.fixture
def store(workspace_path: Path) -> Iterator[Store]:
    """The main thread's store on the workspace."""
    with Store(workspace_path) as opened:
        yield opened


@pytest.fixture
def window(qtbot, store: Store) -> MainWindow:
    """The real main window on the workspace, shown and active (shortcuts need that)."""
    return show_window(qtbot, store)


def fresh_attribution(path: Path, attribution_id: int) -> Attribution:
    """The attribution as a new connection reads it: what was really committed."""
    with Store(path) as other:
        return other.attribution(attribution_id)
