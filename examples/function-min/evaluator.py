"""Scores a search (OpenEvolve's evaluator format): evaluate(program_path) returns the metrics and artifacts.

The function is a bumpy bowl with many local minima; its global minimum is known. Each of five seeded runs may call
it at most 400 times (further calls return infinity); combined_score is the mean over the runs of
1 / (1 + the gap between the value found and the minimum), so 1.0 is a perfect search.
"""
import importlib.util
import math

from openevolve.evaluation_result import EvaluationResult

BUDGET = 400
SEEDS = [11, 23, 37, 41, 59]
CENTRE = (1.7, -2.3)


def bumpy(x, y):
    dx, dy = x - CENTRE[0], y - CENTRE[1]
    return dx * dx + dy * dy + 2.0 * (2 - math.cos(3 * dx) - math.cos(3 * dy))


MINIMUM = bumpy(*CENTRE)


def load(program_path):
    spec = importlib.util.spec_from_file_location("program", program_path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def evaluate(program_path):
    program = load(program_path)
    scores, gaps, lines = [], [], []
    for seed in SEEDS:
        calls = [0]

        def counted(x, y):
            calls[0] += 1
            return bumpy(x, y) if calls[0] <= BUDGET else math.inf

        x, y = program.run_search(counted, BUDGET, seed)
        gap = bumpy(float(x), float(y)) - MINIMUM
        gaps.append(gap)
        scores.append(1.0 / (1.0 + gap))
        lines.append("seed %d: (%.3f, %.3f), gap %.4f, %d calls" % (seed, x, y, gap, calls[0]))
    return EvaluationResult(
        metrics={"combined_score": sum(scores) / len(scores), "worst_gap": max(gaps), "mean_gap": sum(gaps) / len(gaps)},
        artifacts={"runs": "\n".join(lines)},
    )
