#!/usr/bin/python3
"""scikit-learn vs assay on the same multilabel data, in one run.

Writes a 1e6 x 20 indicator matrix pair (uint8) and a score matrix (float64)
to a temporary directory, runs the bench_multilabel binary on them
(ASSAY_MULTILABEL_BENCH_DATA), times the scikit-learn functions on the same
arrays, and prints both sides (median of 3 runs each) and the ratio.

label_ranking_average_precision_score and label_ranking_loss loop over rows
in Python inside scikit-learn; they are timed on the first `--subset` rows
and compared per row (marked "per row" in the output).

Usage: /usr/bin/python3 compare_multilabel.py [path/to/bench_multilabel] [rows] [subset]
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

BENCH = sys.argv[1] if len(sys.argv) > 1 else "/tmp/build-metrics/benchmarks/metrics/bench_multilabel"
ROWS = int(float(sys.argv[2])) if len(sys.argv) > 2 else 1_000_000
SUBSET = int(float(sys.argv[3])) if len(sys.argv) > 3 else 50_000
LABELS = 20


def make_data(n):
    rng = np.random.default_rng(42)
    prior = 0.05 + 0.01 * np.arange(LABELS)
    y = (rng.random((n, LABELS)) < prior).astype(np.uint8)
    flip = rng.random((n, LABELS)) >= 0.9
    p = np.where(flip, 1 - y, y).astype(np.uint8)
    s = rng.random((n, LABELS)) + 0.5 * y
    return y, p, s


def median_time(f, repeat=3):
    times = []
    value = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        value = f()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), value


def main():
    y, p, s = make_data(ROWS)
    with tempfile.TemporaryDirectory() as tmp:
        y.tofile(os.path.join(tmp, "y.u8"))
        p.tofile(os.path.join(tmp, "p.u8"))
        s.tofile(os.path.join(tmp, "s.f64"))
        env = dict(os.environ, ASSAY_MULTILABEL_BENCH_DATA=tmp)
        out = subprocess.run([BENCH, "--benchmark_format=json", "--benchmark_repetitions=3"], env=env, check=True,
                             capture_output=True, text=True)
    runs = {}
    for b in json.loads(out.stdout)["benchmarks"]:
        if b.get("run_type") == "aggregate":
            continue
        scale = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[b["time_unit"]]
        runs.setdefault(b["name"].split("/")[0], []).append(b["real_time"] * scale)
    assay = {k: statistics.median(v) for k, v in runs.items()}

    ys, ss = y[:SUBSET], s[:SUBSET]
    cases = [
        # label, benchmark, scikit-learn call, rows scikit-learn sees
        ("Hamming loss", "BM_hamming_loss", lambda: metrics.hamming_loss(y, p), ROWS),
        ("subset accuracy", "BM_subset_accuracy", lambda: metrics.accuracy_score(y, p), ROWS),
        ("F1 average=samples", "BM_f1_samples", lambda: metrics.f1_score(y, p, average="samples"), ROWS),
        ("F1 average=macro", "BM_f1_macro", lambda: metrics.f1_score(y, p, average="macro"), ROWS),
        ("LRAP (per row)", "BM_lrap", lambda: metrics.label_ranking_average_precision_score(ys, ss), SUBSET),
        ("coverage error", "BM_coverage_error", lambda: metrics.coverage_error(y, s), ROWS),
        ("ranking loss (per row)", "BM_label_ranking_loss", lambda: metrics.label_ranking_loss(ys, ss), SUBSET),
        ("ROC AUC average=macro", "BM_roc_auc_macro", lambda: metrics.roc_auc_score(y, s), ROWS),
        ("ROC AUC average=micro", "BM_roc_auc_micro", lambda: metrics.roc_auc_score(y, s, average="micro"), ROWS),
    ]
    print(f"scikit-learn {sklearn.__version__}, numpy {np.__version__}; {ROWS:.0e} rows x {LABELS} labels "
          f"(uint8 indicators, float64 scores); median of 3 runs each side")
    print(f"baseline: assay binary reads both indicator matrices in {assay['BM_read_bandwidth'] * 1e3:.1f} ms")
    print(f"{'metric':<26}{'scikit-learn':>16}{'assay':>12}{'ratio':>10}")
    for label, bench, f, rows in cases:
        t, _ = median_time(f, 1 if rows == SUBSET else 3)
        a = assay[bench]
        a_scaled = a * rows / ROWS  # per-row comparison when scikit-learn saw a subset
        note = f"  (scikit-learn on {rows:.0e} rows, assay scaled from {ROWS:.0e})" if rows != ROWS else ""
        print(f"{label:<26}{t * 1e3:>13.1f} ms{a_scaled * 1e3:>9.2f} ms{t / a_scaled:>9.1f}x{note}")


if __name__ == "__main__":
    main()
