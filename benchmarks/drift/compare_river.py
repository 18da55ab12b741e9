"""River's side of bench_detectors: prints assay's updates/s beside River's
(measured here when River is installed, otherwise the figures quoted for this
class of machine) and the ratio.

    /usr/bin/python3 benchmarks/drift/compare_river.py build/bench/benchmarks/drift/bench_detectors

The `*_batch_*` rows are assay's batch form `update(first, last)` on the same
streams (River has no batch update; its per-value loop is the peer for both).
The streams are regenerated bit for bit in Python (xoshiro256** seeded through
splitmix64, uniform doubles on the 2^-53 grid, Box-Muller with libm's log and
cos), so both sides see the same values. River is not packaged for Debian; with
it absent the script still runs assay's benchmark and compares with the quoted
figures (River 0.26 native ADWIN core 37 M/s, pure-Python ADWIN 4.5 M/s, KSWIN
0.014-0.024 M/s; MOA on Java 17: ADWIN 5-6, DDM 111, EDDM 311, Page-Hinkley
125, HDDM_A/HDDM_W 16 M/s)."""
import json
import math
import os
import subprocess
import sys
import tempfile
import time

QUOTED = {  # name prefix -> (peer, updates/s)
    "adwin": ("River 0.26 native core (quoted)", 37e6),
    "ddm": ("MOA DDM (quoted)", 111e6),
    "eddm": ("MOA EDDM (quoted)", 311e6),
    "page_hinkley": ("MOA PageHinkleyDM (quoted)", 125e6),
    "hddm_a": ("MOA HDDM_A (quoted)", 16e6),
    "hddm_w": ("MOA HDDM_W (quoted)", 16e6),
    "kswin": ("River 0.26 KSWIN (quoted, best case)", 0.024e6),
}
MASK = (1 << 64) - 1


def splitmix64(state):
    state = (state + 0x9E3779B97F4A7C15) & MASK
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return state, z ^ (z >> 31)


class Xoshiro256ss:
    def __init__(self, seed):
        self.s = []
        for _ in range(4):
            seed, z = splitmix64(seed)
            self.s.append(z)

    def next(self):
        s = self.s
        rotl = lambda x, k: ((x << k) | (x >> (64 - k))) & MASK
        result = (rotl((s[1] * 5) & MASK, 7) * 9) & MASK
        t = (s[1] << 17) & MASK
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        return result

    def uniform(self):
        return (self.next() >> 11) * 2.0 ** -53


def streams(n):
    g = Xoshiro256ss(1)
    p = [0.1, 0.3, 0.1, 0.25]
    bern = [1.0 if g.uniform() < p[i // 2_500_000] else 0.0 for i in range(n)]
    g = Xoshiro256ss(2)
    mu = [0.0, 1.0, -0.5, 0.5]
    gauss = []
    for i in range(n):
        u1 = 1.0 - g.uniform()
        u2 = g.uniform()
        gauss.append(mu[i // 2_500_000] + math.sqrt(-2.0 * math.log(u1)) * math.cos(6.283185307179586 * u2))
    return bern, gauss


def river_rates(n):
    from river import drift  # noqa: F401  (raises ImportError when absent)
    from river.drift import binary
    bern, gauss = streams(n)
    cases = {
        "adwin_bernoulli": (drift.ADWIN, bern), "adwin_gaussian": (drift.ADWIN, gauss),
        "ddm_bernoulli": (binary.DDM, bern), "eddm_bernoulli": (binary.EDDM, bern),
        "page_hinkley_bernoulli": (drift.PageHinkley, bern), "page_hinkley_gaussian": (drift.PageHinkley, gauss),
        "hddm_a_bernoulli": (getattr(binary, "HDDMA", None) or binary.HDDM_A, bern),
        "hddm_w_bernoulli": (getattr(binary, "HDDMW", None) or binary.HDDM_W, bern),
        "kswin_bernoulli": (lambda: drift.KSWIN(seed=42), bern[:20000]),
        "kswin_gaussian": (lambda: drift.KSWIN(seed=42), gauss[:20000]),
    }
    rates = {}
    for name, (make, xs) in cases.items():
        d = make()
        t0 = time.perf_counter()
        for x in xs:
            d.update(x)
        rates[name] = len(xs) / (time.perf_counter() - t0)
        detector, stream = name.rsplit("_", 1)
        rates[f"{detector}_batch_{stream}"] = rates[name]  # River's per-value loop is the peer of both
    return rates


def main():
    binary = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "bench.json")
        subprocess.run([binary, f"--benchmark_out={out}", "--benchmark_out_format=json"], check=True,
                       stdout=subprocess.DEVNULL)
        with open(out) as f:
            assay = {b["name"]: b["items_per_second"] for b in json.load(f)["benchmarks"] if "items_per_second" in b}
    try:
        river = river_rates(int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000)
        measured = True
    except ImportError:
        river, measured = {}, False
        print("River is not installed: comparing with the quoted figures.")
    base = {k: assay.get(f"running_mean_{k}") for k in ("bernoulli", "gaussian")}
    print(f"{'benchmark':28} {'assay M/s':>10} {'vs mean':>8} {'peer M/s':>10} {'ratio':>8}  peer")
    for name, rate in sorted(assay.items()):
        if name.startswith("running_mean"):
            continue
        cost = base[name.rsplit("_", 1)[1]] / rate
        if measured and name in river:
            peer, peer_rate = "River (measured here)", river[name]
        else:
            prefix = next((p for p in sorted(QUOTED, key=len, reverse=True) if name.startswith(p)), None)
            if prefix is None:
                peer, peer_rate = "-", float("nan")
            else:
                peer, peer_rate = QUOTED[prefix]
        print(f"{name:28} {rate / 1e6:10.2f} {cost:7.2f}x {peer_rate / 1e6:10.3f} {rate / peer_rate:7.1f}x  {peer}")


if __name__ == "__main__":
    main()
