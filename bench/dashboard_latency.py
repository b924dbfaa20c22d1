#!/usr/bin/env python3
"""Latency of the dashboard's queries against a running `ktpel serve` (p50/p99/max of N
sequential requests each, after a warm-up).
Usage: dashboard_latency.py BASE_URL PROVINCE [N] [--token TOKEN]
With a token (--token, or $KTPEL_TOKEN) every request carries `Authorization: Bearer TOKEN`, as
the dashboard of a logged-in officer sends it (issue [8]); without one the requests go
anonymous, as to a build from before accounts. A query the token's role may not run (403) is
reported with its status (e.g. 403 for a viewer's person reads, 422 for a national
query from an officer scoped to one province) and skipped."""
import argparse
import json
import os
import time
import urllib.error
import urllib.request

ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
ap.add_argument("base")
ap.add_argument("province")
ap.add_argument("n", nargs="?", type=int, default=300)
ap.add_argument("--token", default=os.environ.get("KTPEL_TOKEN", ""), help="session token (default $KTPEL_TOKEN)")
args = ap.parse_args()
base, province, n = args.base, args.province, args.n
headers = {"Authorization": f"Bearer {args.token}"} if args.token else {}


def get(path):
    t = time.perf_counter()
    with urllib.request.urlopen(urllib.request.Request(base + path, headers=headers)) as r:
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
print(f"residents counted under {province}: {population:,}" + (" (with a session token)" if args.token else ""))
print(f"{'query':44} {'n':>4} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}")
for name, path in queries.items():
    try:
        for _ in range(3):
            get(path)
    except urllib.error.HTTPError as e:
        if not args.token or e.code not in (403, 404, 422):
            raise
        print(f"{name:44} {'-':>4}   {e.code}: not answered for this session's role/scope")
        continue
    lat = sorted(get(path)[0] for _ in range(n))
    print(f"{name:44} {len(lat):4} {lat[len(lat) // 2]:8.2f} {lat[max(0, int(len(lat) * 0.99) - 1)]:8.2f} {lat[-1]:8.2f}")
