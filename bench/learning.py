"""Benchmark of learning from accepted annotations: rules alone vs rules + model.

Run: ``.venv/bin/python -m bench.learning [GOLD.jsonl] [--folds K] [--sizes 25,50,all]``
(default ``../shared/gold/dev.jsonl``, 5 folds, sizes 25/50/100/200/all).

K-fold by article: the articles are shuffled once (fixed seed) and split into K folds;
each fold is scored by models trained on the first N articles of the other folds, so no
article is ever trained and tested on. For each training-set size it prints, summed over
the folds, P, R, F1, exact F1 and full F1 (``quotes.evaluate``):

- *speech*: recall over the gold attributions with ``cue_speech_lexicon_match`` (the
  extraction bench's figures);
- *all*: recall over every gold attribution, beliefs and perceptions included
  (adaptation to the corpus's wider guidelines). Precision is against all gold in both.

Then the training time per size, and extraction throughput (CPU time, one core) of the
rules alone and of rules + model on the first fold's test articles, in the same run.
Last, what people reach on the same task: in ``../shared/gold/multi`` (16 articles, six
annotators) each annotator's attributions scored against each other's as gold, every
attribution counted, beside the adaptation goal (all-gold recall .15 above the rules'
at precision .88).
Each model's threshold for learned additions is chosen as ``train`` chooses it, by a
cross-validation inside its own training articles (three more fits per model; the
chosen thresholds are printed); ``--no-calibrate`` keeps the default threshold instead.
``--thresholds 0.4,0.5,0.6`` adds a sweep of the learned-addition threshold at the
largest size. Skips with a message when the gold file is absent; nothing is stored.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections.abc import Mapping, Sequence
from itertools import permutations
from pathlib import Path
from typing import Any

from quotes.evaluate import Scores, score_article
from quotes.learning.combination import combine, suggest
from quotes.learning.crf import TrainedModel
from quotes.learning.training import Prepared, calibrated_threshold, fit, prepare
from quotes.lexicon import default_lexicon
from quotes.model import Extraction
from quotes.records import article_from_record, attribution_to_record

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = ROOT.parent / "shared" / "gold" / "dev.jsonl"
DEFAULT_SIZES = "25,50,100,200,all"
# The learning issue's adaptation goal: all-gold recall this far above the rules', at
# this precision.
GOAL_RECALL_GAIN = 0.15
GOAL_PRECISION = 0.88
SEED = 12


def _all_speech(quotes: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The gold quotes with every one counted for recall."""
    return [dict(q, cue_speech_lexicon_match=True) for q in quotes]


def _score(
    items: Sequence[tuple[Mapping[str, Any], Extraction]],
) -> tuple[Scores, Scores]:
    speech, every = Scores(), Scores()
    for record, extraction in items:
        text = record["text"]
        predicted = [attribution_to_record(a) for a in extraction.attributions]
        speech.add(score_article(text, record["quotes"], predicted))
        every.add(score_article(text, _all_speech(record["quotes"]), predicted))
    return speech, every


def _suggestions(
    test: Sequence[tuple[Mapping[str, Any], Prepared]],
    model: TrainedModel | None,
    threshold: float | None = None,
) -> list[tuple[Mapping[str, Any], Extraction]]:
    results = []
    for record, item in test:
        if model is None:
            results.append((record, item.rules))
            continue
        add = model.info.add_threshold if threshold is None else threshold
        results.append(
            (record, combine(item.text, item.rules, item.paragraphs, model, add_threshold=add))
        )
    return results


def _row(name: str, scores: Scores) -> str:
    return (
        f"{name:<14} P {scores.precision:.3f}  R {scores.recall:.3f}  F1 {scores.f1:.3f}  "
        f"exact F1 {scores.exact_f1:.3f}  full F1 {scores.full_f1:.3f}"
    )


def _sizes(spec: str, pool: int) -> list[int]:
    sizes = []
    for part in spec.split(","):
        size = pool if part.strip() == "all" else min(int(part), pool)
        if size not in sizes:
            sizes.append(size)
    return sizes


def _throughput(texts: Sequence[str], model: TrainedModel) -> tuple[float, float]:
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    lexicon = default_lexicon()
    rates = []
    for chosen in (None, model):
        best = float("inf")
        for _ in range(2):
            started = time.process_time()
            for text in texts:
                suggest(text, chosen, lexicon)
            best = min(best, time.process_time() - started)
        rates.append(megabytes / best if best else float("inf"))
    return rates[0], rates[1]


def run(
    gold: Path, folds: int, sizes_spec: str, thresholds: list[float], *, calibrate: bool = True
) -> None:
    """Print the learning curve, training times, threshold sweep and throughput."""
    records = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines()]
    records = [r for r in records if r.get("text")]
    random.Random(SEED).shuffle(records)
    lexicon = default_lexicon()
    started = time.perf_counter()
    prepared = [prepare(article_from_record(r), lexicon) for r in records]
    print(
        f"{len(records)} articles, {folds} folds; features in {time.perf_counter() - started:.1f} s"
    )
    pairs = list(zip(records, prepared, strict=True))
    test_folds = [pairs[k::folds] for k in range(folds)]
    pool_size = len(pairs) - max(len(f) for f in test_folds)
    sizes = _sizes(sizes_spec, pool_size)
    rules_items: list[tuple[Mapping[str, Any], Extraction]] = []
    curve: dict[int, list[tuple[Mapping[str, Any], Extraction]]] = {s: [] for s in sizes}
    sweep: dict[float, list[tuple[Mapping[str, Any], Extraction]]] = {t: [] for t in thresholds}
    seconds: dict[int, list[float]] = {s: [] for s in sizes}
    chosen: dict[int, list[float]] = {s: [] for s in sizes}
    first_model: TrainedModel | None = None
    for k, test in enumerate(test_folds):
        pool = [item for j, fold in enumerate(test_folds) if j != k for _, item in fold]
        rules_items += _suggestions(test, None)
        for size in sizes:
            started = time.perf_counter()
            model = fit(pool[:size])
            seconds[size].append(time.perf_counter() - started)
            threshold = calibrated_threshold(pool[:size]) if calibrate else None
            chosen[size].append(model.info.add_threshold if threshold is None else threshold)
            curve[size] += _suggestions(test, model, threshold)
            if size == sizes[-1]:
                for swept in thresholds:
                    sweep[swept] += _suggestions(test, model, swept)
                first_model = first_model or model
        print(f"  fold {k + 1}/{folds} done", flush=True)
    _print_curve(rules_items, curve, seconds)
    print("\nadd threshold per fold (" + ("calibrated" if calibrate else "default") + ")")
    for size, values in chosen.items():
        print(f"  n={size:<4} " + " ".join(f"{v:.2f}" for v in values))
    for threshold, items in sweep.items():
        speech, every = _score(items)
        print(f"threshold {threshold:.2f}: speech {_row('', speech)}")
        print(f"                 all    {_row('', every)}")
    if first_model is not None:
        rules_rate, model_rate = _throughput([r["text"] for r, _ in test_folds[0]], first_model)
        print(
            f"throughput (one core): rules {rules_rate:.2f} MB/s, "
            f"rules + model {model_rate:.2f} MB/s (goal >= 1)"
        )
    _print_human_reference(gold.parent / "multi", _score(rules_items)[1].recall)


def _print_human_reference(folder: Path, rules_recall: float) -> None:
    """Each annotator of ``folder`` scored against each other one, all attributions."""
    files = sorted(folder.glob("annotator_*.jsonl"))
    if len(files) < 2:
        print(f"\nhuman reference skipped: no annotator files in {folder}")
        return
    layers = {
        path.stem: {
            record["text"]: record
            for record in map(json.loads, path.read_text(encoding="utf-8").splitlines())
            if record.get("text")
        }
        for path in files
    }
    target = rules_recall + GOAL_RECALL_GAIN
    pairs = []
    for predicted, gold in permutations(layers, 2):
        scores = Scores()
        for text, record in layers[gold].items():
            other = layers[predicted].get(text)
            if other is not None:
                scores.add(score_article(text, _all_speech(record["quotes"]), other["quotes"]))
        pairs.append(scores)
    meeting = sum(1 for s in pairs if s.recall >= target and s.precision >= GOAL_PRECISION)
    mean = statistics.mean
    print(
        f"\nhuman reference ({len(layers)} annotators of {folder.name}/, each scored against "
        f"each other, all attributions): mean P {mean(s.precision for s in pairs):.3f}  "
        f"R {mean(s.recall for s in pairs):.3f}  F1 {mean(s.f1 for s in pairs):.3f}; "
        f"{meeting} of {len(pairs)} ordered pairs reach the adaptation goal "
        f"(R >= {target:.3f} at P >= {GOAL_PRECISION})"
    )


def _print_curve(
    rules_items: list[tuple[Mapping[str, Any], Extraction]],
    curve: dict[int, list[tuple[Mapping[str, Any], Extraction]]],
    seconds: dict[int, list[float]],
) -> None:
    rules_speech, rules_all = _score(rules_items)
    print("\nspeech attributions (recall over cue_speech_lexicon_match gold)")
    print(_row("rules", rules_speech))
    scored = {size: _score(items) for size, items in curve.items()}
    for size, (speech, _every) in scored.items():
        print(_row(f"+model n={size}", speech))
    print("\nall attributions (adaptation: recall over every gold attribution)")
    print(_row("rules", rules_all))
    for size, (_speech, every) in scored.items():
        gain = every.recall - rules_all.recall
        print(_row(f"+model n={size}", every) + f"  recall {gain:+.3f}")
    print("\ntraining time per fit (mean over folds)")
    for size, values in seconds.items():
        print(f"  n={size:<4} {sum(values) / len(values):.1f} s")


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments and run the benchmark; 0 also when the gold file is absent."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--sizes", default=DEFAULT_SIZES)
    parser.add_argument("--thresholds", default="")
    parser.add_argument("--no-calibrate", action="store_true")
    args = parser.parse_args(argv)
    if not args.gold.exists():
        print(f"skipped: no gold file at {args.gold}")
        return 0
    if args.folds < 2:
        parser.error("--folds must be at least 2")
    thresholds = [float(t) for t in args.thresholds.split(",") if t.strip()]
    run(args.gold, args.folds, args.sizes, thresholds, calibrate=not args.no_calibrate)
    return 0


if __name__ == "__main__":
    sys.exit(main())
