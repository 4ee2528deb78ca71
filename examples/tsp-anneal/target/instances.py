"""Deterministic Euclidean TSP instances.

Every instance is generated from a fixed seed, so the evaluator always sees
exactly the same cities. Points lie in a SIDE x SIDE square; some instances
are uniform, others clustered (cities scattered around a few centres).

The search instances are what the optimizer tunes against; the holdout
instances are never used during search and only check that the tuning
generalises.
"""

import random

SIDE = 1000.0


def _uniform(rng, n):
    return [(rng.uniform(0, SIDE), rng.uniform(0, SIDE)) for _ in range(n)]


def _clustered(rng, n, clusters):
    centres = [(rng.uniform(0.15 * SIDE, 0.85 * SIDE), rng.uniform(0.15 * SIDE, 0.85 * SIDE))
               for _ in range(clusters)]
    spread = 0.08 * SIDE
    points = []
    for i in range(n):
        cx, cy = centres[i % clusters]
        x = min(SIDE, max(0.0, rng.gauss(cx, spread)))
        y = min(SIDE, max(0.0, rng.gauss(cy, spread)))
        points.append((x, y))
    return points


def make(name, n, seed, kind="uniform", clusters=0):
    rng = random.Random(seed)
    if kind == "uniform":
        points = _uniform(rng, n)
    elif kind == "clustered":
        points = _clustered(rng, n, clusters)
    else:
        raise ValueError("unknown instance kind: " + kind)
    return {"name": name, "n": n, "points": points, "area": SIDE * SIDE}


# (name, cities, seed, kind, clusters)
SEARCH = [
    ("u100", 100, 1001, "uniform", 0),
    ("u120", 120, 1002, "uniform", 0),
    ("c140", 140, 1003, "clustered", 7),
    ("u160", 160, 1004, "uniform", 0),
    ("c180", 180, 1005, "clustered", 9),
    ("u200", 200, 1006, "uniform", 0),
]

HOLDOUT = [
    ("hu110", 110, 2001, "uniform", 0),
    ("hc150", 150, 2002, "clustered", 8),
    ("hu180", 180, 2003, "uniform", 0),
]

QUICK = [
    ("q40", 40, 3001, "uniform", 0),
]


def load(which):
    table = {"search": SEARCH, "holdout": HOLDOUT, "quick": QUICK}[which]
    return [make(*spec) for spec in table]
