#!/usr/bin/env python3
"""Reference values for GoNoGo's canary statistics, computed with scipy (Debian: python3-scipy).

Writes test/fixtures/canary/reference.json: for each vector pair, scipy's Mann-Whitney U
(two-sided, asymptotic, continuity correction) and the Hodges-Lehmann shift with its 98%
interval (Moses' construction: order statistics of the pairwise differences, tie-corrected sigma).
Run: python3 scripts/canary-reference.py
"""
import json
import math
import numpy as np
from scipy import stats

rng = np.random.default_rng(20261122)


def r(values):
    return [float(round(v, 6)) for v in values]


cases = {
    "normal-same": (r(rng.normal(100, 10, 40)), r(rng.normal(100, 10, 40))),
    "normal-shift-up": (r(rng.normal(112, 10, 40)), r(rng.normal(100, 10, 40))),
    "normal-shift-down": (r(rng.normal(90, 10, 35)), r(rng.normal(100, 10, 50))),
    "unequal-sizes": (r(rng.normal(0.02, 0.005, 23)), r(rng.normal(0.02, 0.005, 61))),
    "ties-integers": ([float(v) for v in rng.integers(0, 5, 30)], [float(v) for v in rng.integers(0, 4, 30)]),
    "heavy-ties": ([1.0] * 15 + [2.0] * 10, [1.0] * 20 + [2.0] * 3 + [3.0] * 2),
    "identical": ([0.25] * 25, [0.25] * 25),
    "all-zero-baseline": ([0.0] * 18 + [0.01, 0.02, 0.01, 0.03, 0.02], [0.0] * 25),
    "all-zero-both-but-one": ([0.0] * 24 + [1.0], [0.0] * 25),
    "tiny-1-1": ([3.0], [1.0]),
    "tiny-2-3": ([1.0, 2.0], [3.0, 4.0, 5.0]),
    "tiny-3-3-separated": ([1.0, 2.0, 3.0], [4.0, 5.0, 6.0]),
    "latency-lognormal": (r(rng.lognormal(3.0, 0.4, 120)), r(rng.lognormal(2.9, 0.4, 150))),
    "large-500": (r(rng.normal(50, 5, 500)), r(rng.normal(50.4, 5, 500))),
    "extreme-separation": (r(rng.normal(1000, 1, 200)), r(rng.normal(0, 1, 200))),
}


def hodges_lehmann(x, y, confidence):
    x = np.asarray(x)
    y = np.asarray(y)
    m, n = len(x), len(y)
    d = np.sort(np.subtract.outer(x, y).ravel())
    estimate = float(np.median(d))
    combined = np.concatenate([x, y])
    _, counts = np.unique(combined, return_counts=True)
    total = m + n
    tie = float(np.sum(counts**3 - counts))
    sigma = math.sqrt(m * n / 12 * (total + 1 - tie / (total * (total - 1)))) if total > 1 else 0.0
    z = stats.norm.ppf(1 - (1 - confidence) / 2)
    k = max(1, math.floor(m * n / 2 - z * sigma))
    return {"estimate": estimate, "lower": float(d[k - 1]), "upper": float(d[m * n - k])}


out = []
for name, (canary, baseline) in cases.items():
    res = stats.mannwhitneyu(canary, baseline, alternative="two-sided", method="asymptotic", use_continuity=True)
    p = float(res.pvalue)
    out.append({
        "name": name,
        "canary": canary,
        "baseline": baseline,
        "u": float(res.statistic),
        "p": 1.0 if math.isnan(p) else p,
        "hodgesLehmann98": hodges_lehmann(canary, baseline, 0.98),
    })

with open("test/fixtures/canary/reference.json", "w") as f:
    json.dump({"generator": f"scipy {__import__('scipy').__version__}", "cases": out}, f, indent=1)
    f.write("\n")
print(f"wrote {len(out)} cases")
