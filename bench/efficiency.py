"""Count the key presses and mouse clicks a scripted annotator needs per attribution.

Usage::

    .venv/bin/python bench/efficiency.py              # the seed article and our own
    .venv/bin/python bench/efficiency.py --trace      # also every key and click, per record
    .venv/bin/python bench/efficiency.py --article own   # only the built-in article

Each article is imported through ``jobs.importing.import_articles`` (so ``quotes.extract``
pre-annotates it) into a temporary workspace, and the real :class:`MainWindow` runs
offscreen. The scripted annotator knows the right answer (a gold list written in
``bench/efficiency_gold.py``: ``SEED_GOLD`` and ``OWN_GOLD``) and walks the records in
text order with real key events and mouse drags (``QTest``):

* a suggestion that is right (its content overlaps the gold quotation well, word
  Jaccard >= 0.9 with a leading "that" ignored; same speaker entity; its cue overlaps
  the gold cue; same type) is accepted with the accept key;
* a suggestion that needs a fix gets it with the keys a user would press (the type
  with the cycle-type key, the speaker with a roster number key, the cue or the
  content by re-selecting the words with one drag plus the key that takes the
  selection, or the boundary keys, whichever is fewer actions), then the accept key;
* a suggestion that matches no gold quotation is rejected;
* a gold quotation with no suggestion is added: one drag over its words, the add
  key, then its speaker and cue as above; the key back to the next suggestion is
  charged to the added quotation too.

Every key press (a chord is one press) and every click or drag (one gesture) is
counted, navigation included, and charged to the record it was pressed for. The
last key marks the document done. Then a fresh connection reads what was committed
and checks it against the gold, so a figure from a run that did not reach the gold
is flagged. The figures printed are actions per attribution, for right suggestions
and for fixed ones; targets (issue 4): <= 1.2 and <= 4.

The keys are found in the window by their actions' labels
(``efficiency_annotator.KEY_LABELS``), so the bench follows a renamed shortcut; a
missing action is reported, not guessed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


from bench._ui_support import (
    SHARED,
    CountingDriver,
    application,
    open_window,
    process_until,
    quiet_qt_warnings,
    workspace_file,
)
from bench.efficiency_annotator import Annotator, MissingKey, Tally
from bench.efficiency_gold import (
    OWN_ARTICLE,
    OWN_GOLD,
    SEED_GOLD,
    GoldQuote,
    GoldSpans,
    judge,
    locate_gold,
    pair_records,
    word_overlap,
)
from jobs.importing import import_articles
from quotes.model import Article, Attribution, Status
from storage.store import Store
from ui.shell.main_window import MainWindow

SEED_ARTICLE = SHARED / "seed" / "article.txt"
RIGHT_TARGET = 1.2
FIXED_TARGET = 4.0


def annotate(window: MainWindow, text: str, gold: list[GoldSpans], trace: bool) -> Tally:
    """Review the current document of ``window`` against ``gold``; return the tally."""
    driver = CountingDriver(window)
    annotator = Annotator(window, driver, text)
    tally = Tally()
    records = sorted(window.store.attributions_for(window.current.document_id or 0), key=_order)
    paired = pair_records(text, records, gold)
    annotator.paired = paired
    paired_gold = {id(g) for g in paired.values()}
    # Work in text order: a missed quotation is added when the reading reaches it.
    agenda: list[tuple[int, Attribution | None, GoldSpans | None]] = [
        (r.start, r, paired.get(r.id or -1)) for r in records
    ]
    agenda += [(g.content.start, None, g) for g in gold if id(g) not in paired_gold]
    agenda.sort(key=lambda item: (item[0], item[1] is None))

    window.article_view.setFocus()
    previous = ""
    categories: dict[str, str] = {}
    for _start, record, gold_quote in agenda:
        if record is not None:
            account = f"record {record.id}"
        else:
            assert gold_quote is not None
            account = f"missed {gold_quote.quote.begins!r}"
        try:
            if record is not None:
                assert record.id is not None
                if window.current.attribution_id != record.id:
                    # Coming back from an added quotation is part of adding it.
                    driver.charge_to(previous if previous.startswith("missed") else account)
                    _reach(annotator, record.id)
                driver.charge_to(account)
                category = annotator.review(record.id, gold_quote)
            else:
                assert gold_quote is not None
                driver.charge_to(account)
                annotator.add_missed(gold_quote)
                category = "missed (added)"
        except MissingKey as missing:
            tally.problems.append(f"{account}: no key for {missing} in the window")
            category = "unfinished (missing key)"
        except RuntimeError as error:
            tally.problems.append(f"{account}: {error}")
            category = "unfinished (error)"
        previous = account
        categories[account] = category
    driver.charge_to("document")
    try:
        annotator.press("done")
    except MissingKey:
        tally.problems.append("no key marks the document done")
    tally.documents += 1
    tally.document_actions += driver.counts["document"]
    # Counted at the end: a key pressed later may be charged to an earlier record.
    for account, category in categories.items():
        tally.add(category, driver.counts[account])
    tally.problems.extend(annotator.notes)
    tally.observations.extend(annotator.observations)
    if trace:
        for account, what in driver.log:
            print(f"  {account:<44} {what}")
    return tally


def _reach(annotator: Annotator, record_id: int) -> None:
    """Bring a record up: the next-unreviewed key when no record is current (the start
    of the review), else the next/previous-record keys."""
    if annotator.window.current.attribution_id is None and annotator.action("next_unreviewed"):
        annotator.press("next_unreviewed")
    annotator.go_to(record_id)


def _order(attribution: Attribution) -> tuple[int, int, int]:
    return (attribution.start, attribution.end, attribution.id or 0)


def check_committed(path: Path, document_id: int, text: str, gold: list[GoldSpans]) -> list[str]:
    """What a fresh connection reads that disagrees with the gold (empty when all agree)."""
    problems = []
    with Store(path) as fresh:
        records = fresh.attributions_for(document_id)
        status = fresh.document(document_id).status
    accepted = [r for r in records if r.status == Status.ACCEPTED]
    pending = [r for r in records if r.status == Status.CANDIDATE]
    for g in gold:
        if not any(judge(text, r, g).right for r in accepted):
            problems.append(f"gold {g.quote.begins!r}: no right accepted record")
    for r in accepted:
        if not any(word_overlap(text, r.fragments, g.content) > 0 for g in gold):
            problems.append(f"accepted record {r.id} is not a gold quotation")
    if pending:
        problems.append(f"{len(pending)} records left unreviewed")
    if status.value != "done":
        problems.append(f"document status is {status.value}, not done")
    return problems


def run_article(name: str, text: str, gold_quotes: tuple[GoldQuote, ...], trace: bool) -> Tally:
    """Import ``text``, review it in the real window, return the tally (with problems)."""
    gold = locate_gold(text, gold_quotes)
    with workspace_file() as path:
        with Store(path) as store:
            report = import_articles(store, [Article(text=text, title=name)])
            if report.imported != 1:
                raise RuntimeError(f"{name}: not imported ({report.problems})")
            document_id = store.document_summaries()[0].id
        with Store(path) as store, open_window(store) as window:
            window.current.set_document(document_id)
            process_until(lambda: window.attribution_model.rowCount() == report.attributions)
            if trace:
                print(f"{name}:")
            tally = annotate(window, text, gold, trace)
        tally.problems += check_committed(path, document_id, text, gold)
    tally.problems[:] = [f"{name}: {p}" for p in tally.problems]
    tally.observations[:] = [f"{name}: {o}" for o in tally.observations]
    print(
        f"{name}: {len(gold)} gold quotations, {report.attributions} suggestions; "
        + ", ".join(f"{k} {v}" for k, v in sorted(tally.attributions.items()))
        + "; actions per attribution: "
        + ", ".join(f"{k} {v:.2f}" for k, v in sorted(figures(tally).items()))
    )
    return tally


def print_figures(tally: Tally) -> None:
    """The table of actions per attribution, with the targets."""
    targets = {"right": RIGHT_TARGET, "fixed": FIXED_TARGET}
    print(f"\n{'attributions':<44} {'count':>5} {'actions':>8} {'per attr.':>9}  target")
    groups: dict[str, list[str]] = {}
    for category in sorted(tally.attributions):
        groups.setdefault(category.split(" ")[0].rstrip(":"), []).append(category)
    for group, categories in groups.items():
        count = sum(tally.attributions[c] for c in categories)
        actions = sum(tally.actions[c] for c in categories)
        target = targets.get(group)
        verdict = ""
        if target is not None:
            met = actions / count <= target
            verdict = f"<= {target:g}: {'met' if met else 'MISSED'}"
        print(f"{group:<44} {count:>5} {actions:>8} {actions / count:>9.2f}  {verdict}")
        if len(categories) > 1 or categories[0] != group:
            for category in categories:
                n, a = tally.attributions[category], tally.actions[category]
                print(f"  {category:<42} {n:>5} {a:>8} {a / n:>9.2f}")
    if tally.documents:
        per = tally.document_actions / tally.documents
        print(
            f"{'per document (mark done)':<44} {tally.documents:>5} {tally.document_actions:>8}"
            f" {per:>9.2f}"
        )
    if tally.observations:
        print("\nextra actions the UI caused:")
        for observation in tally.observations:
            print(f"  - {observation}")
    if tally.problems:
        print("\nproblems (the figures above are not trustworthy where these apply):")
        for problem in tally.problems:
            print(f"  - {problem}")
    else:
        print("\nthe committed records agree with the gold (checked with a fresh connection)")


def run(articles: list[str], trace: bool) -> int:
    """Review the chosen articles and print the figures; returns an exit code."""
    application()
    total = Tally()
    with quiet_qt_warnings():
        for name in articles:
            if name == "seed":
                if not SEED_ARTICLE.exists():
                    print(f"skipped the seed article: {SEED_ARTICLE} not found (../shared absent)")
                    continue
                text = SEED_ARTICLE.read_text(encoding="utf-8")
                total.merge(run_article("seed", text, SEED_GOLD, trace))
            else:
                total.merge(run_article("own", OWN_ARTICLE, OWN_GOLD, trace))
    if not total.attributions:
        print("nothing measured")
        return 0
    print_figures(total)
    return 0


def figures(tally: Tally) -> dict[str, float]:
    """Actions per attribution by group ("right", "fixed", ...), for tests."""
    sums: dict[str, list[int]] = {}
    for category, count in tally.attributions.items():
        group = category.split(" ")[0].rstrip(":")
        pair = sums.setdefault(group, [0, 0])
        pair[0] += count
        pair[1] += tally.actions[category]
    return {group: actions / count for group, (count, actions) in sums.items()}


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--article", choices=["seed", "own", "both"], default="both")
    parser.add_argument("--trace", action="store_true", help="print every key and click")
    args = parser.parse_args(argv)
    articles = ["seed", "own"] if args.article == "both" else [args.article]
    return run(articles, args.trace)


if __name__ == "__main__":
    sys.exit(main())
