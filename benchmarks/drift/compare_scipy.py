"""Times scipy on the drift statistics of bench_distribution (same sample
sizes and distributions) and prints both sides and the ratio.

    /usr/bin/python3 benchmarks/drift/compare_scipy.py build/bench/benchmarks/drift/bench_distribution

Needs Debian's python3-scipy. Both sides run in the same invocation, so the
ratios hold on a noisy machine even when absolute times do not."""
import json
import subprocess
import sys
import time

import numpy as np
from scipy import stats

binary = sys.argv[1]
out = subprocess.run([binary, "--benchmark_format=json", "--benchmark_min_time=0.3"],
                     check=True, capture_output=True, text=True).stdout
assay_ms = {}
for b in json.loads(out)["benchmarks"]:
    t = b["real_time"]
    unit = b.get("time_unit", "ns")
    assay_ms[b["name"]] = t * {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1e3}[unit]

rng = np.random.default_rng(1)
ref = rng.normal(0.0, 1.0, 1_000_000)
cur = rng.normal(0.05, 1.0, 1_000_000)


def best(f, repeat=5):
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        f()
        times.append(time.perf_counter() - t0)
    return min(times) * 1e3


def psi_numpy(a, b, bins=10, eps=1e-4):
    edges = np.unique(np.percentile(a, np.arange(1, bins) * 100.0 / bins))
    p = np.bincount(np.searchsorted(edges, a, side="right"), minlength=len(edges) + 1) / len(a)
    q = np.bincount(np.searchsorted(edges, b, side="right"), minlength=len(edges) + 1) / len(b)
    p, q = np.maximum(p, eps), np.maximum(q, eps)
    return np.sum((q - p) * np.log(q / p))


cases = [
    ("ks_2samp asymp, 1e6 vs 1e6", "bm_ks_2samp_asymp/1000000",
     lambda: stats.ks_2samp(ref, cur, method="asymp")),
    ("ks_2samp exact, 1e4 vs 1e4", "bm_ks_2samp_exact/10000",
     lambda: stats.ks_2samp(ref[:10000], cur[:10000], method="exact")),
    ("PSI, 10 quantile bins, 1e6 vs 1e6 (numpy)", "bm_psi_quantile10/1000000", lambda: psi_numpy(ref, cur)),
    ("wasserstein_distance, 1e6 vs 1e6", "bm_wasserstein/1000000",
     lambda: stats.wasserstein_distance(ref, cur)),
]
print(f"{'statistic':45s} {'scipy ms':>10s} {'assay ms':>10s} {'ratio':>8s}")
for label, name, f in cases:
    py = best(f)
    cpp = assay_ms[name]
    print(f"{label:45s} {py:10.2f} {cpp:10.2f} {py / cpp:7.1f}x")
upd = assay_ms["bm_window_monitor_update"]
print(f"window_monitor update (20 features): {upd * 1e6:.0f} ns per row")
