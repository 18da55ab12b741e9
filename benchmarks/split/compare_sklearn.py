#!/usr/bin/python3
"""Times scikit-learn's splitters and assay's on the same data, in one run.

Usage: /usr/bin/python3 compare_sklearn.py /path/to/bench_split [--quick]

The data are built from a hash of the row index, exactly as in data.hpp, so
both sides split identical arrays. scikit-learn is timed on what its split()
yields (every fold's train and test index arrays); assay is timed twice:
building its folds (enough to iterate the fold views) and building plus
materialising every train and test vector. Prints both sides and the ratios.
"""
import json
import subprocess
import sys
import time
import warnings

import numpy as np
import sklearn
from sklearn.model_selection import GroupKFold, KFold, StratifiedGroupKFold, StratifiedKFold

warnings.filterwarnings("ignore")
M64 = np.uint64(0xFFFFFFFFFFFFFFFF)


def mix(x):
    """SplitMix64's output function on uint64 arrays (wrapping arithmetic)."""
    with np.errstate(over="ignore"):
        z = x.astype(np.uint64) + np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return z ^ (z >> np.uint64(31))


def groups(n, n_groups):
    return (mix(np.arange(n, dtype=np.uint64)) % np.uint64(n_groups)).astype(np.int64)


def labels(n):
    u = mix(np.arange(n, dtype=np.uint64) ^ np.uint64(0x5555555555555555)) % np.uint64(10)
    return np.where(u < 6, 0, np.where(u < 9, 1, 2)).astype(np.int64)


def group_labels(g):
    own = mix(g.astype(np.uint64) ^ np.uint64(0x3333333333333333)) % np.uint64(3)
    u = mix(np.arange(len(g), dtype=np.uint64) ^ np.uint64(0x7777777777777777))
    other = (u >> np.uint64(32)) % np.uint64(3)
    return np.where(u % np.uint64(10) < 8, own, other).astype(np.int64)


def time_split(cv, X, y=None, g=None, repeats=1):
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        for train, test in cv.split(X, y, g):
            pass
        best = min(best, time.perf_counter() - t0)
    return best


def run_assay(binary):
    """Best (minimum) wall time of 5 repetitions of every assay benchmark."""
    out = subprocess.run(
        [binary, "--benchmark_format=json", "--benchmark_filter=1e", "--benchmark_repetitions=5"],
        check=True, capture_output=True, text=True).stdout
    res = {}
    for b in json.loads(out)["benchmarks"]:
        if b.get("run_type") != "iteration":
            continue
        scale = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[b.get("time_unit", "ns")]
        t = b["real_time"] * scale
        res[b["run_name"]] = min(t, res.get(b["run_name"], t))
    return res


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    quick = "--quick" in sys.argv
    print(f"scikit-learn {sklearn.__version__}, numpy {np.__version__}")
    print("assay: running", sys.argv[1])
    a = run_assay(sys.argv[1])

    rows = []
    g6 = groups(1_000_000, 100_000)
    y6 = group_labels(g6)
    X6 = np.zeros((len(g6), 1))
    # scikit-learn's StratifiedGroupKFold loops over groups in Python: one
    # run (tens of seconds); --quick skips it.
    sk = None if quick else time_split(StratifiedGroupKFold(5), X6, y6, g6)
    rows.append(("StratifiedGroupKFold(5), 1e6 rows, 1e5 groups, 3 classes", sk,
                 a["stratified_group_kfold_1e6/then:0"], a["stratified_group_kfold_1e6/then:2"],
                 a["stratified_group_kfold_1e6/then:1"], 100))
    del X6

    n = 10_000_000
    y7 = labels(n)
    g7 = groups(n, 100_000)
    X7 = np.zeros((n, 1))
    rows.append(("StratifiedKFold(5), 1e7 rows, 3 classes", time_split(StratifiedKFold(5), X7, y7, repeats=3),
                 a["stratified_kfold_1e7/then:0"], a["stratified_kfold_1e7/then:2"], a["stratified_kfold_1e7/then:1"],
                 20))
    rows.append(("GroupKFold(5), 1e7 rows, 1e5 groups", time_split(GroupKFold(5), X7, None, g7, repeats=3),
                 a["group_kfold_1e7/then:0"], a["group_kfold_1e7/then:2"], a["group_kfold_1e7/then:1"], 20))
    rows.append(("KFold(5), 1e7 rows", time_split(KFold(5), X7, repeats=3),
                 a["kfold_1e7/then:0"], a["kfold_1e7/then:2"], a["kfold_1e7/then:1"], None))

    print()
    print(f"{'splitter':56} {'sklearn s':>9} | {'build s':>8} {'ratio':>6} | {'+walk s':>8} {'ratio':>6} |"
          f" {'+vectors s':>10} {'ratio':>6} | target")
    print("-" * 132)
    for name, sk, build, walk, full, target in rows:
        if sk is None:
            print(f"{name:56} {'skipped':>9} | {build:8.4f} {'':>6} | {walk:8.4f} {'':>6} | {full:10.4f}")
            continue
        r0, r1, r2 = sk / build, sk / walk, sk / full
        verdict = ""
        if target is not None:
            met = [label for label, r in (("build", r0), ("walk", r1), ("vectors", r2)) if r >= target]
            verdict = f">= {target}x: " + (("met for " + ", ".join(met)) if met else "NOT met")
        print(f"{name:56} {sk:9.3f} | {build:8.4f} {r0:5.0f}x | {walk:8.4f} {r1:5.0f}x | {full:10.4f} {r2:5.0f}x | {verdict}")
    print("\nTimes are wall-clock bests: scikit-learn best of 3 runs (1 for StratifiedGroupKFold), assay best of")
    print("5 benchmark repetitions; ratio = scikit-learn time / assay time. assay 'build' = building the folds;")
    print("'+walk' = building and reading every fold's train and test rows through the views (what a")
    print("cross-validation loop does); '+vectors' = building and copying every fold's train and test rows")
    print("into std::vectors, the output scikit-learn's split() produces.")


if __name__ == "__main__":
    main()
