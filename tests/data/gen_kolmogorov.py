"""Generates kolmogorov_scipy.json: scipy's one-sample Kolmogorov-Smirnov
distributions at finite n, the values assay's detail/kolmogorov.hpp must
reproduce. Run with Debian 12's python3-scipy (scipy 1.10.1):
    /usr/bin/python3 tests/data/gen_kolmogorov.py > tests/data/kolmogorov_scipy.json
The grid visits every region in which scipy switches method."""
import json
import numpy as np
import scipy
from scipy import special, stats

ns = [1, 2, 3, 5, 7, 10, 20, 50, 100, 136, 140, 141, 200, 222, 500, 1000, 5000, 20000, 150000]
rows = []
for n in ns:
    xs = set()
    for x in [0.3 / n, 0.5 / n, 0.75 / n, 1.0 / n, 1.5 / n, 3.0 / n, 0.01, 0.03, 0.05, 0.08, 0.1, 0.15,
              0.2, 0.3, 0.45, 0.5, 0.6, 0.8, 0.95, 1 - 1.0 / n, 1 - 0.5 / n]:
        if 0 < x < 1:
            xs.add(float(x))
    # points around the method boundaries n*x^2 = 0.754693, 2.2, 4 and n*x^1.5 = 1.4
    for c in [0.754693, 2.2, 4.0, 18.0]:
        for f in [0.97, 1.03]:
            x = float(np.sqrt(c * f / n))
            if 0 < x < 1:
                xs.add(x)
    x = float((1.4 / n) ** (2.0 / 3.0))
    for f in [0.97, 1.03]:
        if 0 < x * f < 1:
            xs.add(x * f)
    for x in sorted(xs):
        rows.append({"n": n, "x": x,
                     "kstwo_sf": float(stats.kstwo.sf(x, n)),
                     "smirnov": float(special.smirnov(n, x))})
print(json.dumps({"generator": "tests/data/gen_kolmogorov.py", "scipy": scipy.__version__,
                  "numpy": np.__version__, "rows": rows}, indent=0))
