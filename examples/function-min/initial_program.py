"""Find the minimum of a bumpy 2-D function with a fixed budget of evaluations.

A problem in OpenEvolve's format, written for Clade: the search inside the EVOLVE-BLOCK is what evolves;
evaluator.py calls run_search() with the function and the budget and scores how close it got.
"""
import math
import random


# EVOLVE-BLOCK-START
def search(f, budget, rng):
    """Random search around the best point so far, with a step that never changes."""
    x, y = 0.0, 0.0
    best = f(x, y)
    step = 4.0
    for _ in range(budget - 1):
        cx = x + rng.uniform(-step, step)
        cy = y + rng.uniform(-step, step)
        value = f(cx, cy)
        if value < best:
            x, y, best = cx, cy, value
        step = step * 1.0
    return x, y
# EVOLVE-BLOCK-END


def run_search(f, budget, seed):
    return search(f, budget, random.Random(seed))
