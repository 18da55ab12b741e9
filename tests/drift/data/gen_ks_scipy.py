# Writes ks_scipy.txt: two-sample KS statistics and p-values of scipy 1.10
# (scipy.stats.ks_2samp, method="auto", two-sided) for equal-size samples,
# the test KSWIN runs. Run with Debian's /usr/bin/python3 (numpy 1.24, scipy 1.10).
# Line format: n exact statistic p_value a_1 .. a_n b_1 .. b_n (values as %.17g);
# exact = 0 when scipy's exact sum left [0, 1] and it fell back to the
# asymptotic distribution (it warns), 1 otherwise.
import warnings

import numpy as np
from scipy import stats

rng = np.random.default_rng(20261123)
rows = []
for n in (1, 2, 5, 10, 30, 50, 100, 300):
    for kind in ("same", "shift", "ties", "scale", "equal"):
        for rep in range(3):
            if kind == "same":
                a, b = rng.standard_normal(n), rng.standard_normal(n)
            elif kind == "shift":
                a, b = rng.standard_normal(n), rng.standard_normal(n) + 0.3 * (rep + 1)
            elif kind == "ties":
                a, b = rng.integers(0, 4, n).astype(float), rng.integers(0, 4 + rep, n).astype(float)
            elif kind == "scale":
                a, b = rng.standard_normal(n), (2.0 + rep) * rng.standard_normal(n)
            else:
                a = np.round(rng.standard_normal(n), 1)
                b = a.copy()
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                r = stats.ks_2samp(a, b, method="auto")
            rows.append((n, 0 if caught else 1, r.statistic, r.pvalue, a, b))
with open("ks_scipy.txt", "w") as f:
    for n, exact, st, p, a, b in rows:
        f.write(" ".join([str(n), str(exact), "%.17g" % st, "%.17g" % p] + ["%.17g" % v for v in a] + ["%.17g" % v for v in b]))
        f.write("\n")
print(len(rows), "rows")
