"""``--lexicon FILE`` and the user's own cue file extend the extractor's cues."""

from __future__ import annotations

from pathlib import Path

import pytest

import storage.workspace
from app import main
from storage.store import Store

# "yodel" is no reporting verb of the shipped lexicon, so only a user file makes it one.
ARTICLE = "The mayor yodeled that the old bridge would reopen in the spring.\n"
YODEL = "[clause]\nyodel yodels yodeled yodelled yodeling\n"


@pytest.fixture
def no_user_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "user-data" / "cues.txt"
    monkeypatch.setattr(storage.workspace, "user_lexicon_path", lambda: path)
    return path


def imported_cues(db: Path) -> list[str]:
    with Store(db) as store:
        [summary] = store.document_summaries()
        text = store.document(summary.id).text
        return [a.cue.text_of(text) for a in store.attributions_for(summary.id) if a.cue]


def write_article(tmp_path: Path) -> Path:
    article = tmp_path / "mayor.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    return article


def test_without_a_lexicon_the_unknown_verb_is_no_cue(tmp_path: Path, no_user_file) -> None:
    db = tmp_path / "w.sqlite"
    assert main(["--db", str(db), "import", str(write_article(tmp_path))]) == 0
    assert imported_cues(db) == []


def test_a_lexicon_file_adds_its_verbs(tmp_path: Path, no_user_file) -> None:
    lexicon = tmp_path / "extra.txt"
    lexicon.write_text(YODEL, encoding="utf-8")
    db = tmp_path / "w.sqlite"
    args = ["--db", str(db), "--lexicon", str(lexicon), "import", str(write_article(tmp_path))]
    assert main(args) == 0
    assert imported_cues(db) == ["yodeled"]


def test_the_users_own_file_is_used_without_the_option(tmp_path: Path, no_user_file) -> None:
    no_user_file.parent.mkdir(parents=True)
    no_user_file.write_text(YODEL, encoding="utf-8")
    db = tmp_path / "w.sqlite"
    assert main(["--db", str(db), "import", str(write_article(tmp_path))]) == 0
    assert imported_cues(db) == ["yodeled"]


def test_a_broken_lexicon_is_named_with_its_line_and_nothing_is_imported(
    tmp_path: Path, no_user_file, capsys: pytest.CaptureFixture[str]
) -> None:
    lexicon = tmp_path / "broken.txt"
    lexicon.write_text("# my cues\n[verbs]\nyodel\n", encoding="utf-8")
    db = tmp_path / "w.sqlite"
    args = ["--db", str(db), "--lexicon", str(lexicon), "import", str(write_article(tmp_path))]
    assert main(args) == 2
    assert f"{lexicon}:2: unknown section [verbs]" in capsys.readouterr().err
    assert not db.exists()
