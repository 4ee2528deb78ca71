"""Simulated annealing for the Euclidean travelling salesman problem.

A tour is a permutation of the cities; position 0 is kept fixed (a cycle
has no start). Each iteration proposes one move:

* a 2-opt move (reverse the segment tour[i..j]) with probability
  REVERSE_PROBABILITY, otherwise
* a swap move (exchange the cities at positions i and j), which is usually
  the weaker neighbourhood for Euclidean instances.

Moves that shorten the tour are always accepted; a move that lengthens it by
delta is accepted with probability exp(-delta / T). Temperatures are in units
of the instance's characteristic city spacing sqrt(area / n), so the same
settings mean the same thing on every instance size. T starts at
INITIAL_TEMPERATURE and is multiplied by COOLING_RATE after every temperature
level of SWEEPS_PER_LEVEL * n iterations (100 levels when RESTARTS = 1).

The iteration budget per instance is FIXED (ITERATIONS_PER_CITY * n); RESTARTS
only decides how that budget is split into independent annealing runs, each
starting from a fresh random tour. The best tour over all runs is returned.
"""

import math
import random

# clade:params begin
INITIAL_TEMPERATURE = 0.5    # [0.001, 1000]
COOLING_RATE = 0.9           # [0.5, 0.99999]
REVERSE_PROBABILITY = 0.1    # [0, 1]
RESTARTS = 4                 # [1, 8]
# clade:params end

# Fixed compute budget and schedule granularity: not tunable parameters.
ITERATIONS_PER_CITY = 1000   # total iterations per instance = ITERATIONS_PER_CITY * n
SWEEPS_PER_LEVEL = 10        # the temperature is held for SWEEPS_PER_LEVEL * n iterations


def distance_matrix(points):
    return [[math.hypot(ax - bx, ay - by) for (bx, by) in points] for (ax, ay) in points]


def tour_length(tour, dist):
    return sum(dist[tour[k - 1]][tour[k]] for k in range(len(tour)))


def _clip(value, lo, hi):
    return lo if value < lo else hi if value > hi else value


def _anneal(dist, tour, iterations, t0, cooling, p_reverse, scale, rng):
    """One annealing run from `tour` (modified in place). Returns (best_len, best_tour)."""
    n = len(tour)
    rand = rng.random
    randrange = rng.randrange
    exp = math.exp
    length = tour_length(tour, dist)
    best_len = length
    best_tour = tour[:]
    temperature = t0 * scale
    level_length = SWEEPS_PER_LEVEL * n
    t = tour
    for it in range(iterations):
        if it % level_length == 0 and it:
            temperature *= cooling
        u = rand()
        if u < p_reverse:
            # 2-opt: reverse t[i..j], 1 <= i < j <= n-1
            i = randrange(1, n - 1)
            j = randrange(i + 1, n)
            a = t[i - 1]
            b = t[i]
            c = t[j]
            d = t[j + 1] if j + 1 < n else t[0]
            da = dist[a]
            dd = dist[d]
            delta = da[c] + dd[b] - da[b] - dd[c]
            if delta > 0.0 and (temperature <= 0.0 or rand() >= exp(-delta / temperature)):
                continue
            t[i:j + 1] = t[j:i - 1:-1]
        else:
            # swap the cities at positions i < j
            i = randrange(1, n - 1)
            j = randrange(i + 1, n)
            p = t[i - 1]
            x = t[i]
            y = t[j]
            s = t[j + 1] if j + 1 < n else t[0]
            dx = dist[x]
            dy = dist[y]
            if j == i + 1:
                delta = dist[p][y] + dx[s] - dist[p][x] - dy[s]
            else:
                q = t[i + 1]
                r = t[j - 1]
                delta = dy[p] + dy[q] + dx[r] + dx[s] - dx[p] - dx[q] - dy[r] - dy[s]
            if delta > 0.0 and (temperature <= 0.0 or rand() >= exp(-delta / temperature)):
                continue
            t[i] = y
            t[j] = x
        length += delta
        if length < best_len - 1e-9:
            best_len = length
            best_tour = t[:]
    return best_len, best_tour


def solve(points, seed):
    """Return a tour (list of city indices) for the given points."""
    n = len(points)
    if n < 4:
        return list(range(n))
    dist = distance_matrix(points)
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    area = max(1e-12, (max(xs) - min(xs)) * (max(ys) - min(ys)))
    scale = math.sqrt(area / n)

    t0 = _clip(float(INITIAL_TEMPERATURE), 0.0, 1e6)
    cooling = _clip(float(COOLING_RATE), 0.0, 1.0)
    p_reverse = _clip(float(REVERSE_PROBABILITY), 0.0, 1.0)
    total = ITERATIONS_PER_CITY * n
    restarts = min(total, max(1, int(round(RESTARTS))))
    rng = random.Random(seed)
    best_len = float("inf")
    best_tour = None
    for r in range(restarts):
        iterations = total // restarts + (1 if r < total % restarts else 0)
        tour = list(range(n))
        rest = tour[1:]
        rng.shuffle(rest)
        tour[1:] = rest
        length, result = _anneal(dist, tour, iterations, t0, cooling, p_reverse, scale, rng)
        if length < best_len:
            best_len = length
            best_tour = result
    return best_tour
