"""Pack 26 circles in the unit square so that the sum of their radii is as large as possible.

A problem in ShinkaEvolve's script format, written for Clade: the candidate lays out the centres inside the
EVOLVE-BLOCK; the radii are then the largest that fit (compute_radii, fixed), and evaluate.py checks the packing
strictly. run_packing() is what the evaluator calls.
"""
import numpy as np

N = 26


# EVOLVE-BLOCK-START
def construct_centers():
    """Rows of points, every other row shifted, until there are N of them."""
    per_row = 6
    spacing_x = 0.18
    spacing_y = 0.2
    origin_x = 0.1
    origin_y = 0.1
    shift = 0.09
    points = []
    row = 0
    while len(points) < N:
        for i in range(max(per_row, 1)):
            x = origin_x + i * spacing_x + (shift if row % 2 else 0.0)
            y = origin_y + row * spacing_y
            points.append((x, y))
        row += 1
    return np.array(points[:N], dtype=float)
# EVOLVE-BLOCK-END


def compute_radii(centers):
    """The largest radii for these centres: each circle as large as the walls allow, then every overlapping pair
    shrunk in proportion until none overlaps, with a small safety margin so that the strict checks hold."""
    n = len(centers)
    radii = np.minimum.reduce([centers[:, 0], centers[:, 1], 1 - centers[:, 0], 1 - centers[:, 1]])
    radii = np.maximum(radii, 0.0) * (1 - 1e-9)
    for _ in range(200):
        changed = False
        for i in range(n):
            for j in range(i + 1, n):
                d = float(np.hypot(*(centers[i] - centers[j])))
                if radii[i] + radii[j] >= d:
                    scale = d / (radii[i] + radii[j]) * (1 - 1e-9) if radii[i] + radii[j] > 0 else 0.0
                    radii[i] *= scale
                    radii[j] *= scale
                    changed = True
        if not changed:
            break
    return radii


def run_packing():
    centers = np.clip(construct_centers(), 0.0, 1.0)  # a centre outside the square gets radius 0
    radii = compute_radii(centers)
    return centers, radii, float(np.sum(radii))
