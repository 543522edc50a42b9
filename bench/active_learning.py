"""Does ordering documents by the model's uncertainty teach it faster than chance?

Usage::

    .venv/bin/python bench/active_learning.py                  # dev split, 2 seeds
    .venv/bin/python bench/active_learning.py --articles 200 --seeds 1 --rounds 3   # quick

A simulated team: the dev articles are shuffled; a test set is held out; the rest is
the pool of unreviewed documents. Every strategy starts from the same random seed set
of reviewed documents, then each round "reviews" documents of the pool up to a budget
of characters (what reading costs an annotator), retrains, and is scored on the test
set. Strategies:

- **random**: the pool in random order (the baseline, measured in the same run);
- **density**: the most uncertain first (``quotes.learning.uncertainty``: the share
  of paragraphs the model expects to read wrongly), as the GUI and ``uncertain``
  order them;
- **total**: the same summed over the document (long documents first).

Printed per round: the characters reviewed so far, speech F1 and all-attribution
recall/F1 of rules + model, and the model's own token F1 on content against the gold
labels (what it has learned, before combining), with its difference from random's
(means over seeds).
The budget is in characters, not documents, so that a strategy that picks long
documents is charged for reading them.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from quotes.evaluate import Scores, score_article
from quotes.learning.combination import combine
from quotes.learning.crf import CONTENT, TrainedModel
from quotes.learning.training import Prepared, fit, prepare
from quotes.learning.uncertainty import paragraphs_uncertainty
from quotes.lexicon import default_lexicon
from quotes.records import article_from_record, attribution_to_record

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = ROOT.parent / "shared" / "gold" / "dev.jsonl"

Item = tuple[Mapping[str, Any], Prepared]
Ranker = Callable[[Sequence[Item], TrainedModel, random.Random], list[Item]]


def _rank_random(pool: Sequence[Item], model: TrainedModel, rng: random.Random) -> list[Item]:
    order = list(pool)
    rng.shuffle(order)
    return order


def _rank_density(pool: Sequence[Item], model: TrainedModel, rng: random.Random) -> list[Item]:
    return sorted(pool, key=lambda item: -paragraphs_uncertainty(item[1].paragraphs, model))


def _rank_total(pool: Sequence[Item], model: TrainedModel, rng: random.Random) -> list[Item]:
    def total(item: Item) -> float:
        paragraphs = item[1].paragraphs
        return -paragraphs_uncertainty(paragraphs, model) * len(paragraphs)

    return sorted(pool, key=total)


STRATEGIES: dict[str, Ranker] = {
    "random": _rank_random,
    "density": _rank_density,
    "total": _rank_total,
}


def _evaluate(test: Sequence[Item], model: TrainedModel) -> tuple[Scores, Scores, float]:
    """Speech scores (recall over speech gold), all-attribution scores, and the
    model's own token F1 on content (its tags against the gold labels, before any
    combining with the rules: what it has learned, not what it may add)."""
    speech, every = Scores(), Scores()
    hits = tagged = gold = 0
    for record, item in test:
        for tagged_paragraph, truth in zip(model.tag(item.paragraphs), item.labels, strict=True):
            for mine, right in zip(tagged_paragraph.labels, truth, strict=True):
                hits += mine in CONTENT and right in CONTENT
                tagged += mine in CONTENT
                gold += right in CONTENT
        found = combine(
            item.text, item.rules, item.paragraphs, model, add_threshold=model.info.add_threshold
        )
        predicted = [attribution_to_record(a) for a in found.attributions]
        speech.add(score_article(item.text, record["quotes"], predicted))
        everything = [dict(q, cue_speech_lexicon_match=True) for q in record["quotes"]]
        every.add(score_article(item.text, everything, predicted))
    token_f1 = 2 * hits / (tagged + gold) if tagged + gold else 0.0
    return speech, every, token_f1


def _fixes(record: Mapping[str, Any], item: Prepared, model: TrainedModel) -> int:
    """How many records of the article an annotator must fix after rules + model:
    suggestions to reject, attributions to add (all of the gold), boundaries to move."""
    found = combine(
        item.text, item.rules, item.paragraphs, model, add_threshold=model.info.add_threshold
    )
    predicted = [attribution_to_record(a) for a in found.attributions]
    everything = [dict(q, cue_speech_lexicon_match=True) for q in record["quotes"]]
    s = score_article(item.text, everything, predicted)
    wrong = s.predictions - s.matched_predictions
    missed = s.gold_speech - s.matched_speech
    return wrong + missed + (s.matched_predictions - s.exact)


def _ranks(values: Sequence[float]) -> list[float]:
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2
        i = j + 1
    return ranks


def _spearman(xs: Sequence[float], ys: Sequence[float]) -> float:
    rx, ry = _ranks(xs), _ranks(ys)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    var = (sum((a - mx) ** 2 for a in rx) * sum((b - my) ** 2 for b in ry)) ** 0.5
    return cov / var if var else 0.0


def print_where_fixes_are(test: Sequence[Item], model: TrainedModel) -> None:
    """Whether the queue sends the annotator where the suggestions need most fixing:
    the rank correlation of each test article's uncertainty with its fixes, and the
    fixes per paragraph in each quarter of the articles by uncertainty per paragraph."""
    rows = []
    for record, item in test:
        paragraphs = max(1, len(item.paragraphs))
        score = paragraphs_uncertainty(item.paragraphs, model)
        rows.append((score * paragraphs, score, _fixes(record, item, model), paragraphs))
    total_rho = _spearman([r[0] for r in rows], [float(r[2]) for r in rows])
    rate_rho = _spearman([r[1] for r in rows], [r[2] / r[3] for r in rows])
    print(
        f"\nuncertainty vs fixes needed, {len(rows)} held-out articles: Spearman rho "
        f"{rate_rho:.2f} per paragraph (the order's score vs fixes per paragraph), "
        f"{total_rho:.2f} per article (summed uncertainty vs fixes)"
    )
    rows.sort(key=lambda r: -r[1])
    quarter = max(1, len(rows) // 4)
    for q in range(4):
        part = rows[q * quarter : (q + 1) * quarter if q < 3 else len(rows)]
        if not part:
            continue
        per_paragraph = sum(r[2] for r in part) / sum(r[3] for r in part)
        print(
            f"  quarter {q + 1} by uncertainty per paragraph"
            f" ({'most' if q == 0 else 'least' if q == 3 else 'middle'} uncertain):"
            f" {per_paragraph:.2f} fixes per paragraph"
        )


def _take_budget(ranked: Sequence[Item], budget: int) -> list[Item]:
    """The first documents of ``ranked`` until ``budget`` characters are read (at
    least one document)."""
    taken: list[Item] = []
    spent = 0
    for item in ranked:
        if taken and spent + len(item[1].text) > budget:
            continue  # a shorter one further down may still fit
        taken.append(item)
        spent += len(item[1].text)
        if spent >= budget:
            break
    return taken


def simulate(
    items: Sequence[Item], *, seed: int, test_size: int, start: int, rounds: int
) -> dict[str, list[tuple[int, float, float, float, float]]]:
    """Per strategy, per round: (characters reviewed, speech F1, all R, all F1,
    model token F1)."""
    rng = random.Random(seed)
    shuffled = list(items)
    rng.shuffle(shuffled)
    test, pool = shuffled[:test_size], shuffled[test_size:]
    seed_set, rest = pool[:start], pool[start:]
    budget = sum(len(item.text) for _, item in seed_set)
    results: dict[str, list[tuple[int, float, float, float, float]]] = {}
    for name, rank in STRATEGIES.items():
        reviewed, left = list(seed_set), list(rest)
        strategy_rng = random.Random(seed + 1)
        curve = []
        for _ in range(rounds + 1):
            model = fit([item for _, item in reviewed])
            speech, every, token_f1 = _evaluate(test, model)
            characters = sum(len(item.text) for _, item in reviewed)
            curve.append((characters, speech.f1, every.recall, every.f1, token_f1))
            picked = _take_budget(rank(left, model, strategy_rng), budget)
            chosen = {id(item) for item in picked}
            reviewed += picked
            left = [item for item in left if id(item) not in chosen]
        results[name] = curve
        print(f"  seed {seed}: {name} done", flush=True)
    return results


def _print(all_runs: list[dict[str, list[tuple[int, float, float, float, float]]]]) -> None:
    names = list(STRATEGIES)
    rounds = len(all_runs[0][names[0]])
    print(
        "\nround  strategy  chars reviewed  speech F1  all R   all F1  model token F1  (- random)"
    )
    for r in range(rounds):
        base = sum(run["random"][r][4] for run in all_runs) / len(all_runs)
        for name in names:
            rows = [run[name][r] for run in all_runs]
            mean = [sum(row[i] for row in rows) / len(rows) for i in range(5)]
            print(
                f"{r:>5}  {name:<8}  {mean[0]:>14,.0f}  {mean[1]:.3f}      "
                f"{mean[2]:.3f}   {mean[3]:.3f}   {mean[4]:.3f}           {mean[4] - base:+.3f}"
            )


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments and run; 0 also when the gold file is absent."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--articles", type=int, default=487, help="how many dev articles")
    parser.add_argument("--test", type=int, default=120, help="held-out test articles")
    parser.add_argument("--start", type=int, default=20, help="seed set of reviewed articles")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--seeds", type=int, default=2)
    args = parser.parse_args(argv)
    if not args.gold.exists():
        print(f"skipped: {args.gold} not found (the shared gold data is not here)")
        return 0
    lines = args.gold.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines if line.strip()][: args.articles]
    lexicon = default_lexicon()
    items = [(r, prepare(article_from_record(r), lexicon)) for r in records if r.get("text")]
    print(
        f"{len(items)} articles: {args.test} held out, seed set {args.start}, "
        f"{args.rounds} rounds of the seed set's characters, {args.seeds} seeds"
    )
    runs = [
        simulate(items, seed=s, test_size=args.test, start=args.start, rounds=args.rounds)
        for s in range(args.seeds)
    ]
    _print(runs)
    shuffled = list(items)
    random.Random(0).shuffle(shuffled)
    test, pool = shuffled[: args.test], shuffled[args.test :]
    print_where_fixes_are(test, fit([item for _, item in pool]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
