#!/usr/bin/python3
"""Threshold sweep and cost curve: scikit-learn + NumPy against assay.

Writes binary labels and scores to a temporary directory, runs the
bench_thresholds binary on them (ASSAY_THRESHOLDS_BENCH_DATA), times the
scikit-learn 1.2 route on the same arrays, and prints both sides and the
ratio. scikit-learn has no threshold sweep or cost curve: its side is the
cumulative counts of `_binary_clf_curve` (what `roc_curve` and
`precision_recall_curve` are built on) plus the same columns in NumPy.

Usage: /usr/bin/python3 compare_thresholds.py [path/to/bench_thresholds] [rows]
"""
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
from sklearn.metrics._ranking import _binary_clf_curve

BENCH = sys.argv[1] if len(sys.argv) > 1 else "/tmp/build-metrics/benchmarks/metrics/bench_thresholds"
ROWS = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000_000


def make_data(n):
    g = np.random.default_rng(42)
    y = (g.random(n) < 0.3).astype(np.int64)
    s = g.random(n) * 2.0 - 1.0 + 0.8 * y
    return y, s


def sweep(y, s):
    fps, tps, thr = _binary_clf_curve(y, s)
    P, N = tps[-1], fps[-1]
    fn, tn = P - tps, N - fps
    total = P + N
    with np.errstate(divide="ignore", invalid="ignore"):
        out = dict(
            precision=tps / (tps + fps), recall=tps / P, fpr=fps / N, tnr=tn / N, fnr=fn / P,
            npv=np.where(tn + fn == 0, 0.0, tn / (tn + fn)), f1=2 * tps / (2 * tps + fn + fps),
            accuracy=(tps + tn) / total, ppr=(tps + fps) / total)
        den = (tps + fps) * P * N * (tn + fn)
        out["mcc"] = np.where(den == 0, 0.0, (tps * tn - fps * fn) / np.sqrt(den))
    return out


def cost(y, s):
    fps, tps, thr = _binary_clf_curve(y, s)
    P, N = tps[-1], fps[-1]
    c = 1.0 * fps + 5.0 * (P - tps) - 0.5 * tps
    c = np.concatenate([[5.0 * P], c])
    return int(np.argmin(c))


def precision_target(y, s):
    o = sweep(y, s)
    ok = np.flatnonzero(o["precision"] >= 0.8)
    return ok[np.argmax(o["recall"][ok])]


def best_time(f, repeat=3):
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        f()
        best = min(best, time.perf_counter() - t)
    return best


def main():
    y, s = make_data(ROWS)
    with tempfile.TemporaryDirectory() as d:
        y.tofile(os.path.join(d, "yb.i64"))
        s.tofile(os.path.join(d, "score.f64"))
        env = dict(os.environ, ASSAY_THRESHOLDS_BENCH_DATA=d)
        out = subprocess.run([BENCH, "--benchmark_format=json", "--benchmark_repetitions=3"], env=env, check=True,
                             capture_output=True, text=True).stdout
    runs = json.loads(out)["benchmarks"]

    def assay_s(name):
        ts = [r["real_time"] for r in runs if r.get("run_name") == name and r.get("run_type") == "iteration"]
        unit = {"ms": 1e-3, "us": 1e-6, "ns": 1e-9, "s": 1.0}
        r = next(r for r in runs if r.get("run_name") == name)
        return min(ts) * unit[r["time_unit"]]

    rows = [
        ("cumulative counts (clf curve)", lambda: _binary_clf_curve(y, s), "BM_binary_clf_curve"),
        ("threshold sweep (all columns)", lambda: sweep(y, s), "BM_threshold_sweep"),
        ("threshold for precision 0.8", lambda: precision_target(y, s), "BM_threshold_for_precision"),
        ("cost curve + best threshold", lambda: cost(y, s), "BM_cost_curve"),
    ]
    print(f"{ROWS} rows, int64 labels, float64 scores (best of 3)")
    print(f"{'task':32s} {'scikit-learn':>14s} {'assay':>12s} {'ratio':>9s}")
    for label, f, name in rows:
        a, b = best_time(f), assay_s(name)
        print(f"{label:32s} {a * 1e3:11.1f} ms {b * 1e3:9.1f} ms {a / b:8.1f}x")
    print(f"{'baselines (closed form)':32s} {'-':>14s} {assay_s('BM_classification_baselines') * 1e3:9.1f} ms")


if __name__ == "__main__":
    main()
