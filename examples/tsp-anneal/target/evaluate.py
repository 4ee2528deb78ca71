"""Evaluator for the simulated-annealing TSP solver.

Usage (from this directory):
    python3 evaluate.py             # "full": the 6 search instances
    python3 evaluate.py --quick     # "smoke": one small instance, well under a second
    python3 evaluate.py --holdout   # the 3 holdout instances, never used for search

With CLADE_TASK set to a search instance's name (u100, u120, c140, u160, c180,
u200), the full stage solves that instance only: Clade's task-level evaluation.

Score: mean over instances of  100 * tour_length / sqrt(n * area)  (lower is
better). Good tours on the uniform instances score roughly 76-83 (the
asymptotic constant for random uniform cities is about 71); clustered
instances score lower; a random tour scores several hundred.

The last line of stdout is the result as JSON:
    {"score": ..., "metrics": {...}, "feedback": "..."}
If the environment variable CLADE_METRICS is set, the same JSON object is also
written to that file. An invalid tour makes the evaluator exit non-zero.
"""

import sys

sys.dont_write_bytecode = True  # keep the target directory free of __pycache__

import json
import math
import os
import time

import instances
import solver


# The iteration budget is part of the contract: improvements must come from
# better settings, not from more compute.
EXPECTED_ITERATIONS_PER_CITY = 1000


def validate(tour, n):
    if (not isinstance(tour, list) or len(tour) != n
            or not all(type(city) is int for city in tour) or sorted(tour) != list(range(n))):
        raise ValueError("solver returned an invalid tour (not a permutation of 0..%d)" % (n - 1))


def main(argv):
    args = set(argv[1:])
    unknown = args - {"--quick", "--holdout"}
    if unknown or len(args) > 1:
        print("usage: python3 evaluate.py [--quick | --holdout]", file=sys.stderr)
        return 2
    which = "quick" if "--quick" in args else "holdout" if "--holdout" in args else "search"

    budget = getattr(solver, "ITERATIONS_PER_CITY", None)
    if budget != EXPECTED_ITERATIONS_PER_CITY:
        print("solver.ITERATIONS_PER_CITY is %r, expected the fixed budget %d"
              % (budget, EXPECTED_ITERATIONS_PER_CITY), file=sys.stderr)
        return 1

    # The solver's seed follows the instance's place in its list, so a task alone scores as it does in the full stage.
    selected = list(enumerate(instances.load(which)))
    task = os.environ.get("CLADE_TASK")
    if task and which == "search":
        selected = [(index, inst) for index, inst in selected if inst["name"] == task]
        if not selected:
            print("CLADE_TASK=%s is not a search instance" % task, file=sys.stderr)
            return 2

    start = time.perf_counter()
    normalised = []
    lengths = []
    per_instance = {}
    for index, inst in selected:
        points, n = inst["points"], inst["n"]
        try:
            tour = solver.solve(list(points), seed=17 + 101 * index)
            validate(tour, n)
        except Exception as exc:  # a broken solver must fail the stage loudly
            print("instance %s: %s: %s" % (inst["name"], type(exc).__name__, exc), file=sys.stderr)
            return 1
        length = sum(math.hypot(points[tour[k - 1]][0] - points[tour[k]][0],
                                points[tour[k - 1]][1] - points[tour[k]][1]) for k in range(n))
        if not math.isfinite(length):
            print("instance %s: non-finite tour length" % inst["name"], file=sys.stderr)
            return 1
        value = 100.0 * length / math.sqrt(n * inst["area"])
        lengths.append(length)
        normalised.append(value)
        per_instance[inst["name"]] = value
    seconds = time.perf_counter() - start

    score = sum(normalised) / len(normalised)
    worst = max(per_instance, key=per_instance.get)
    result = {
        "score": round(score, 4),
        "metrics": {
            "instances": len(normalised),
            "mean_length": round(sum(lengths) / len(lengths), 2),
            "seconds": round(seconds, 3),
            "worst_instance": round(per_instance[worst], 4),
            # what kind of solver this is (behaviour descriptors for a MAP-Elites grid, see islands.yaml)
            "restarts": getattr(solver, "RESTARTS", 1),
            "reverse_probability": getattr(solver, "REVERSE_PROBABILITY", 0),
        },
        "feedback": "mean normalised tour length %.2f over %d %s instance(s); worst is %s at %.2f"
                    % (score, len(normalised), which, worst, per_instance[worst]),
    }
    line = json.dumps(result)
    metrics_path = os.environ.get("CLADE_METRICS")
    if metrics_path:
        with open(metrics_path, "w") as fh:
            fh.write(line + "\n")
    print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
