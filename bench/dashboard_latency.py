#!/usr/bin/env python3
"""Latency of the dashboard's queries against a running `ktpel serve` (p50/p99/max of N
sequential requests each, after a warm-up). Usage: dashboard_latency.py BASE_URL PROVINCE [N]"""
import json
import sys
import time
import urllib.request

base, province = sys.argv[1], sys.argv[2]
n = int(sys.argv[3]) if len(sys.argv) > 3 else 300


def get(path):
    t = time.perf_counter()
    with urllib.request.urlopen(base + path) as r:
        body = r.read()
    return (time.perf_counter() - t) * 1000, body


regs = json.loads(get(f"/api/v1/wilayah/{province}/children")[1])["items"]
reg = regs[0]["code"]
kec = json.loads(get(f"/api/v1/wilayah/{reg}/children")[1])["items"][0]["code"]
queries = {
    "coverage: national (provinces)": "/api/v1/coverage?level=provinsi",
    f"coverage: province {province} (regencies)": f"/api/v1/coverage?level=kabupaten&code={province}",
    f"coverage: regency {reg} (kecamatan)": f"/api/v1/coverage?level=kecamatan&code={reg}",
    f"coverage: kecamatan {kec} (desa)": f"/api/v1/coverage?level=desa&code={kec}",
    "coverage series (trend)": f"/api/v1/coverage/series?code={province}&days=90",
    "stock forecast (province)": f"/api/v1/stock/forecast?office={province}",
    "capacity plan (province)": f"/api/v1/print/plan?province={province}",
    f"print queue, first 100 ({reg})": f"/api/v1/print/queue?office={reg}&limit=100",
    "regency boundaries (GeoJSON)": f"/api/v1/geo/regencies?province={province}",
}
population = json.loads(get(f"/api/v1/coverage?level=kabupaten&code={province}")[1])["total"]["counts"]["population"]
print(f"residents counted under {province}: {population:,}")
print(f"{'query':44} {'n':>4} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}")
for name, path in queries.items():
    for _ in range(3):
        get(path)
    lat = sorted(get(path)[0] for _ in range(n))
    print(f"{name:44} {len(lat):4} {lat[len(lat) // 2]:8.2f} {lat[max(0, int(len(lat) * 0.99) - 1)]:8.2f} {lat[-1]:8.2f}")
