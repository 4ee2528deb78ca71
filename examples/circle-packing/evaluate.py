"""Scores a circle packing (ShinkaEvolve's script format): python3 evaluate.py --program_path P --results_dir D.

The packing must hold exactly 26 circles, each inside the unit square and none overlapping another, checked with
zero tolerance. The score (combined_score) is the sum of the radii. run_shinka_eval comes from ShinkaEvolve when it
is installed, and from Clade's stand-in otherwise.
"""
import argparse

import numpy as np
from shinka.core import run_shinka_eval

N = 26


def validate(result):
    centers, radii, reported = result
    centers = np.asarray(centers, dtype=float)
    radii = np.asarray(radii, dtype=float)
    if centers.shape != (N, 2) or radii.shape != (N,):
        return False, "expected %d centres and radii, got shapes %s and %s" % (N, centers.shape, radii.shape)
    if not (np.all(np.isfinite(centers)) and np.all(np.isfinite(radii))):
        return False, "a centre or radius is not a finite number"
    if np.any(radii < 0):
        return False, "circle %d has a negative radius" % int(np.argmin(radii))
    for i in range(N):
        x, y = centers[i]
        r = radii[i]
        if x - r < 0 or x + r > 1 or y - r < 0 or y + r > 1:
            return False, "circle %d (centre %.6f, %.6f, radius %.6f) leaves the unit square" % (i, x, y, r)
    for i in range(N):
        for j in range(i + 1, N):
            if np.hypot(*(centers[i] - centers[j])) < radii[i] + radii[j]:
                return False, "circles %d and %d overlap" % (i, j)
    if abs(float(np.sum(radii)) - float(reported)) > 1e-6:
        return False, "the reported sum %.6f is not the sum of the radii %.6f" % (reported, np.sum(radii))
    return True, None


def aggregate(results):
    centers, radii, _ = results[0]
    radii = np.asarray(radii, dtype=float)
    return {
        "combined_score": float(np.sum(radii)),
        "public": {"circles": int(len(radii)), "smallest_radius": float(np.min(radii))},
        "private": {"largest_radius": float(np.max(radii))},
        "text_feedback": "sum of radii %.4f; the smallest circle has radius %.4f" % (np.sum(radii), np.min(radii)),
    }


def main(program_path, results_dir):
    metrics, correct, error = run_shinka_eval(
        program_path=program_path,
        results_dir=results_dir,
        experiment_fn_name="run_packing",
        num_runs=1,
        validate_fn=validate,
        aggregate_metrics_fn=aggregate,
    )
    print("correct" if correct else "not correct: %s" % error)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--program_path", default="initial.py")
    parser.add_argument("--results_dir", default="results")
    args = parser.parse_args()
    main(args.program_path, args.results_dir)
