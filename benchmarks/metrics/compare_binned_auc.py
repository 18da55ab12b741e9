#!/usr/bin/python3
"""assay::binned_auc vs scikit-learn and NumPy on the same rows, in one run.

Writes uint8 labels and float64 probabilities to a temporary directory, runs
bench_binned_auc on them (ASSAY_METRICS_BENCH_DATA, 3 repetitions), times on
the same arrays scikit-learn's exact roc_auc_score and the usual NumPy way of
binning (np.bincount of 2*bin + label, then the same trapezoid sum), and prints
each side's rows/s (median of 3, CPU time on both sides) and the ratios.

Usage: /usr/bin/python3 compare_binned_auc.py [path/to/bench_binned_auc] [rows]
(Debian's python3 with python3-sklearn; not the python3 first on PATH.)
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np
import sklearn
from sklearn import metrics

BENCH = sys.argv[1] if len(sys.argv) > 1 else "/tmp/build-metrics-stream/benchmarks/metrics/bench_binned_auc"
ROWS = int(float(sys.argv[2])) if len(sys.argv) > 2 else 10_000_000
BINS = 4096


def make_data(n):
    rng = np.random.default_rng(42)
    yb = (rng.random(n) < 0.3).astype(np.uint8)
    score = rng.random(n) * 2.0 - 1.0 + 0.8 * yb
    prob = 1.0 / (1.0 + np.exp(-2.0 * score))
    return yb, prob


def median_time(f, repeat=3):
    # CPU time of this process, as Google Benchmark's items_per_second uses
    # on the assay side: on a shared, loaded machine wall time would charge
    # either side for the other programs running.
    times, value = [], None
    for _ in range(repeat):
        t0 = time.process_time()
        value = f()
        times.append(time.process_time() - t0)
    return statistics.median(times), value


def numpy_binned_auc(y, p):
    b = np.minimum((p * BINS).astype(np.int64), BINS - 1)
    h = np.bincount(2 * b + y, minlength=2 * BINS).reshape(BINS, 2)[::-1]
    neg, pos = h[:, 0].astype(np.float64), h[:, 1].astype(np.float64)
    above = np.cumsum(pos) - pos
    return float(np.sum(neg * (2.0 * above + pos)) / (2.0 * pos.sum() * neg.sum()))


def main():
    y, p = make_data(ROWS)
    with tempfile.TemporaryDirectory() as tmp:
        y.tofile(os.path.join(tmp, "yb.u8"))
        p.tofile(os.path.join(tmp, "prob.f64"))
        env = dict(os.environ, ASSAY_METRICS_BENCH_DATA=tmp)
        out = subprocess.run([BENCH, "--benchmark_format=json", "--benchmark_repetitions=3",
                              "--benchmark_filter=BM_binned_auc_u8_f64/4096|BM_exact_roc_auc_score|BM_read_bandwidth"],
                             env=env, check=True, capture_output=True, text=True)
    runs = {}
    for b in json.loads(out.stdout)["benchmarks"]:
        if b.get("run_type") == "aggregate":
            continue
        runs.setdefault(b["name"].split("/")[0], []).append(b)

    def assay_rate(name):
        return statistics.median(b["items_per_second"] for b in runs[name])

    t_sk, auc_sk = median_time(lambda: metrics.roc_auc_score(y, p))
    t_np, auc_np = median_time(lambda: numpy_binned_auc(y, p))
    binned = assay_rate("BM_binned_auc_u8_f64")
    exact = assay_rate("BM_exact_roc_auc_score")
    auc_assay = runs["BM_binned_auc_u8_f64"][0]["auc"]
    print(f"scikit-learn {sklearn.__version__}, numpy {np.__version__}; {ROWS:.0e} rows "
          f"(uint8 labels, float64 scores), {BINS} bins; medians of 3, CPU time; load {os.getloadavg()[0]:.2f}")
    print(f"{'':38s}{'rows/s':>12s}{'AUC':>20s}")
    print(f"{'assay binned_auc (batch update)':38s}{binned / 1e6:10.0f} M{auc_assay:20.12f}")
    print(f"{'NumPy bincount binned AUC':38s}{ROWS / t_np / 1e6:10.0f} M{auc_np:20.12f}")
    print(f"{'scikit-learn roc_auc_score (exact)':38s}{ROWS / t_sk / 1e6:10.0f} M{auc_sk:20.12f}")
    print(f"{'assay roc_auc_score (exact)':38s}{exact / 1e6:10.0f} M")
    print(f"{'baseline: read labels + scores':38s}{assay_rate('BM_read_bandwidth') / 1e6:10.0f} M")
    print(f"ratio binned_auc / NumPy binned: {binned / (ROWS / t_np):.1f}x; "
          f"binned_auc / scikit-learn exact: {binned / (ROWS / t_sk):.1f}x")


if __name__ == "__main__":
    main()
