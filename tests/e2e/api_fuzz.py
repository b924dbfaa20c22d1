#!/usr/bin/env python3
"""An API fuzzer driven by the server's own OpenAPI document (issue [9], proof item 2).

For every operation (path + method) of /api/v1/openapi.json it builds a well-formed request from
the schema and from real data read off the server (NIKs, wilayah, printers, suket, ids in each
role's scope), then mutations of it: wrong types, empty and huge values, unicode / bidi / NUL,
negative and overflowing numbers, missing required and extra fields, bodies that are not objects
or not JSON, out-of-scope regions and NIKs, path parameters with traversal and encoded junk,
repeated query parameters, other methods, Range / Expect / X-Station headers, broken credentials.
Each is sent as every role (a Bearer token or the session cookie with its CSRF token) and
anonymously.

What every answer must be: below 500 (503 only with Retry-After: a busy store), a 4xx with a
JSON body {error:{code,...}}, JSON that parses when it says it is JSON; a role the document does
not list for the operation never gets a 2xx, nor does a scoped role for a NIK or region outside
its scope, nor does a listed item name a region outside it; the server keeps answering (a refused connection or a timeout is a crash or a hang)
and /healthz answers between batches. Each failure is printed with the exact request and the
case number (the case is a function of the seed and the number: --only N regenerates it).

Usage: api_fuzz.py --base http://127.0.0.1:PORT --user ROLE=NAME:PASSWORD ... [--seed S]
       [--seconds T] [--requests N] [--threads K] [--only N]
Stdlib only. Exit 0 when nothing failed, 1 otherwise, 2 on a set-up problem.
"""
import argparse
import http.client
import json
import os
import random
import sys
import threading
import time
import urllib.parse
import zlib
from collections import Counter, defaultdict

# ---------------------------------------------------------------------------------------------
# Hostile values, by kind.

BIDI = "\u202e\u2066\u200f"
JUNK_STRINGS = [
    "", " ", "\t", "0", "-1", "null", "true", "[]", "{}", "'", "\"", "\\", "%", "%00", "%2e%2e%2f",
    "../../../../etc/passwd", "..%2f..%2f", "\u0000", "a\u0000b", BIDI + "65.71", "\ufeff65.71",
    "\U0001F600" * 3, "ＮＩＫ", "é" * 10, "\ud7ff", "x" * 300, "1e9999", "NaN", "Infinity", "0x10",
    "65.71.01.1001' OR '1'='1", "65;DROP TABLE residents", "<script>alert(1)</script>",
    "=1+2", "${jndi:x}", "%s%s%s%n", "\r\nX-Injected: 1", "６５", "65..71", ".65", "65.", "99.99.99.9999",
]
JUNK_NUMBERS = [-1, 0, -9223372036854775808, 9223372036854775807, 9223372036854775808, 18446744073709551616,
                10**40, -10**40, 1.5, -0.0, 1e308, -1e308, 2**31, -(2**31) - 1, 4294967296]
JUNK_PATH = ["..", "../..", "%2e%2e", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "%00", "%FF%FE", "a%2Fb", "%252e", "-1",
             "99999999999999999999999", "0", "6571" * 40, "%E2%80%AE6571", "%F0%9F%98%80", "%0d%0aX:1", ";", "*",
             "65.71.01", "6571010101900001", "ST657101001-17", "A" * 2000]


# Operations that may take a NIK or region from outside the caller's scope in the body by design:
# a check of NIKs against the rules answers for any NIK; a stock transfer names the office it goes to.
SCOPE_BODY_EXEMPT = {"/api/v1/nik/check"}


def huge_string(rng):
    return rng.choice(["A" * 70000, "\u202e" * 20000, "é" * 50000, "9" * 100000, "\u0000" * 1000])


def wrong_type_value(rng, value):
    """Something of another JSON type than `value`."""
    choices = [None, True, False, 0, -1, 2**64, 1.25, "", "x", [], [1, 2], {}, {"a": 1}, [[[]]], [None]]
    if isinstance(value, bool):
        choices = [c for c in choices if not isinstance(c, bool)]
    elif isinstance(value, (int, float)):
        choices = [c for c in choices if not isinstance(c, (int, float)) or isinstance(c, bool)]
    elif isinstance(value, str):
        choices = [c for c in choices if not isinstance(c, str)]
    return rng.choice(choices)


def hostile_value(rng, value):
    r = rng.random()
    if r < 0.35:
        return wrong_type_value(rng, value)
    if r < 0.55:
        return rng.choice(JUNK_STRINGS)
    if r < 0.75:
        return rng.choice(JUNK_NUMBERS)
    if r < 0.85:
        return huge_string(rng)
    if r < 0.92 and isinstance(value, str) and value:
        i = rng.randrange(len(value))
        return value[:i] + rng.choice(["\u0000", BIDI, "\U0001F600", "'", "%", "\ud7ff"]) + value[i:]
    return rng.choice(["0000-00-00", "2026-02-30", "9999-12-31", "0001-01-01", "1900-01-01", "2026-13-01", "20261201",
                       "2026-12-01T00:00:00Z", "-2026-01-01", "+2026-01-01"])


# ---------------------------------------------------------------------------------------------
# The server.

class Server:
    def __init__(self, base, timeout):
        u = urllib.parse.urlsplit(base)
        self.host, self.port = u.hostname, u.port or 80
        self.timeout = timeout
        self.local = threading.local()

    def conn(self):
        c = getattr(self.local, "conn", None)
        if c is None:
            c = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            self.local.conn = c
        return c

    def drop(self):
        c = getattr(self.local, "conn", None)
        if c is not None:
            c.close()
        self.local.conn = None

    def send(self, method, target, body=None, headers=None):
        """(status, headers dict lower-cased, body bytes). Raises OSError / HTTPException."""
        headers = dict(headers or {})
        if body is not None and "Content-Length" not in headers:
            headers["Content-Length"] = str(len(body))
        for attempt in (0, 1):
            c = self.conn()
            try:
                c.putrequest(method, target, skip_host=False, skip_accept_encoding=True)
                for k, v in headers.items():
                    c.putheader(k, v)
                c.endheaders(body)
                r = c.getresponse()
                data = r.read()
                h = {k.lower(): v for k, v in r.getheaders()}
                if h.get("content-encoding") in ("gzip", "deflate") and data:
                    data = zlib.decompress(data, 47)  # gzip or zlib header, as the server chose
                if h.get("connection", "").lower() == "close":
                    self.drop()
                return r.status, h, data
            except (ConnectionResetError, BrokenPipeError, http.client.RemoteDisconnected, http.client.CannotSendRequest):
                # A kept-alive connection the server closed between requests: once more on a fresh one.
                self.drop()
                if attempt:
                    raise
            except Exception:
                self.drop()
                raise

    def json(self, method, path, token=None, body=None):
        headers = {"Authorization": "Bearer " + token} if token else {}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        elif method != "GET":
            data = b""
        status, _, out = self.send(method, path, data, headers)
        try:
            return status, json.loads(out.decode("utf-8")) if out else None
        except ValueError:
            return status, None


# ---------------------------------------------------------------------------------------------
# Real data in each role's scope, read once at the start.

def in_scope(scope, code):
    return scope == "" or code == scope or code.startswith(scope + ".")


def above_scope(scope, code):
    return scope != "" and scope.startswith(code + ".")


class Pools:
    """Values the server would accept, per scope, fetched as the centre's account."""

    def __init__(self, srv, token, rng):
        self.srv, self.token, self.rng = srv, token, rng
        self.regions = {"provinsi": ["65"], "kabupaten": [], "kecamatan": [], "desa": []}
        self.residents = []      # {nik, birth_date, village_code, sex, kk}
        self.sentinels = []      # residents never written to: the scope oracle reads them
        self.printers = []       # {serial, office}
        self.suket = []          # {number, token, office}
        self.ids = defaultdict(list)
        self.stations = []
        self.queue = []          # {nik, office}: records waiting at an office's print desk

    def get(self, path):
        status, j = self.srv.json("GET", path, self.token)
        return j if status == 200 and isinstance(j, dict) else {}

    def load(self):
        for k in self.get("/api/v1/wilayah/65/children").get("items", []):
            self.regions["kabupaten"].append(k["code"])
        for kab in self.regions["kabupaten"]:
            for kec in self.get("/api/v1/wilayah/%s/children" % kab).get("items", []):
                self.regions["kecamatan"].append(kec["code"])
        for kec in self.regions["kecamatan"][:12] + [c for c in self.regions["kecamatan"] if c.startswith("65.71.")]:
            for d in self.get("/api/v1/wilayah/%s/children" % kec).get("items", [])[:4]:
                self.regions["desa"].append(d["code"])
        self.regions["desa"] = sorted(set(self.regions["desa"]))
        seen = set()
        for region in ["65.71.01", "65.71.02", "65.71", "65.02", "65"]:
            for page in (1, 2):
                for r in self.get("/api/v1/residents?region=%s&page_size=100&page=%d" % (region, page)).get("items", []):
                    if r["nik"] not in seen:
                        seen.add(r["nik"])
                        self.residents.append({k: r.get(k) for k in ("nik", "birth_date", "village_code", "sex", "kk")})
        # Sentinels: two residents of each kecamatan found, set aside for the scope oracle.
        per = Counter()
        for r in list(self.residents):
            kec = r["village_code"][:8]
            if per[kec] < 2:
                per[kec] += 1
                self.sentinels.append(r)
                self.residents.remove(r)
        self.printers = [{"serial": p.get("serial"), "office": p.get("office")}
                         for p in self.get("/api/v1/printers?office=65").get("items", []) if p.get("serial")]
        for s in self.get("/api/v1/suket?office=65&limit=50").get("items", []):
            self.suket.append({"number": s.get("number"), "token": s.get("token", ""), "office": s.get("office")})
        for kab in self.regions["kabupaten"]:
            for e in self.get("/api/v1/print/queue?office=%s&limit=40" % kab).get("items", []):
                if e.get("nik"):
                    self.queue.append({"nik": e["nik"], "office": kab})
        for a in self.get("/api/v1/adjudication?status=ALL&limit=50").get("items", []):
            self.ids["adjudication"].append(a.get("id"))
        for p in self.get("/api/v1/proposals?limit=50").get("items", []):
            self.ids["proposal"].append(p.get("id"))
        for s in self.get("/api/v1/stations").get("items", []):
            self.stations.append(s.get("id"))
        # [10] The equipment inventory (make run's seed): serials and repair tickets.
        self.equipment = [{"serial": i.get("serial"), "office": i.get("office")}
                          for i in self.get("/api/v1/equipment?office=65").get("items", []) if i.get("serial")]
        for t in self.get("/api/v1/equipment/tickets?office=65&limit=200").get("items", []):
            self.ids["ticket"].append(t.get("id"))

    # -- choosers
    def region(self, level, scope):
        cands = [c for c in self.regions.get(level, []) if in_scope(scope, c)]
        if not cands:  # a scope below the level: its own code's prefix (e.g. the operator's regency)
            cut = {"provinsi": 2, "kabupaten": 5, "kecamatan": 8, "desa": 13}[level]
            cands = [scope[:cut]] if scope and len(scope) >= cut else ["65"]
        return self.rng.choice(cands)

    def any_region(self, scope):
        level = self.rng.choice(["provinsi", "kabupaten", "kecamatan", "desa"])
        return self.region(level, scope)

    def out_of_scope_region(self, scope):
        """A region neither under the scope nor above it (404 for a scoped role)."""
        cands = [c for lv in ("kabupaten", "kecamatan", "desa") for c in self.regions[lv]
                 if not in_scope(scope, c) and not above_scope(scope, c)]
        if not scope or not cands or self.rng.random() < 0.3:
            return self.rng.choice(["64", "64.71", "32.73.01", "11"]) if scope else "65.99"
        return self.rng.choice(cands)

    def resident(self, scope, write=False):
        pool = self.residents if write else self.residents + self.sentinels
        cands = [r for r in pool if in_scope(scope, r["village_code"])]
        return self.rng.choice(cands or pool or [{"nik": "6571010101900001", "birth_date": "1990-01-01",
                                                  "village_code": "65.71.01.1001", "sex": "L", "kk": ""}])

    def sentinel_outside(self, scope):
        cands = [r for r in self.sentinels if not in_scope(scope, r["village_code"])]
        return self.rng.choice(cands) if cands else None


# ---------------------------------------------------------------------------------------------
# Requests from the schema.

LETTERS = "ABCDEFGHIJKLMNOPRSTUWY"


def letters_name(rng, words=2):
    return " ".join("".join(rng.choice(LETTERS) for _ in range(rng.randint(3, 8))) for _ in range(words))


def date_value(rng):
    return "%04d-%02d-%02d" % (rng.randint(1950, 2025), rng.randint(1, 12), rng.randint(1, 28))


class RawPath:
    def __init__(self, text):
        self.text = text


class Case:
    __slots__ = ("op", "role", "auth", "method", "path", "query", "body", "ctype", "kind", "expect_denied", "note", "raw", "probe", "headers")

    def __init__(self, op, role):
        self.op, self.role = op, role
        self.auth = "bearer"
        self.method, self.path, self.query = op["method"], op["path"], []
        self.body, self.ctype, self.raw = None, None, None
        self.kind = "valid"
        self.expect_denied = None  # why a 2xx would be a leak, or None
        self.probe = None          # (where, name, value, why): an out-of-scope value the case carries
        self.headers = {}          # extra request headers (mutations)
        self.note = ""

    def target(self):
        return self.path + ("?" + "&".join(self.query) if self.query else "")

    def body_bytes(self):
        if self.raw is not None:
            return self.raw
        if self.body is None:
            return None if self.method == "GET" else b""
        return json.dumps(self.body, ensure_ascii=self.note != "utf8").encode("utf-8", "surrogatepass")


def resolve(doc, node):
    while isinstance(node, dict) and "$ref" in node:
        ref = node["$ref"].lstrip("#/").split("/")
        node = doc
        for part in ref:
            node = node[part]
    return node


class Generator:
    def __init__(self, doc, pools, users):
        self.doc, self.pools, self.users = doc, pools, users
        self.ops = []
        for path, item in sorted(doc["paths"].items()):
            for method, op in sorted(item.items()):
                params = [resolve(doc, p) for p in op.get("parameters", [])]
                body = None
                rb = resolve(doc, op.get("requestBody", {}))
                content = rb.get("content", {}) if isinstance(rb, dict) else {}
                if "application/json" in content:
                    body = resolve(doc, content["application/json"].get("schema", {}))
                    body = ("json", self.expand(body))
                elif "application/octet-stream" in content:
                    body = ("octets", None)
                self.ops.append({"path": path, "method": method.upper(), "params": params, "body": body,
                                 "body_required": bool(rb.get("required")) if isinstance(rb, dict) else False,
                                 "permission": op.get("x-ktpel-permission", ""), "roles": op.get("x-ktpel-roles", []),
                                 "scope": op.get("x-ktpel-scope")})

    def expand(self, schema):
        schema = resolve(self.doc, schema)
        if not isinstance(schema, dict):
            return {}
        out = dict(schema)
        if "properties" in out:
            out["properties"] = {k: self.expand(v) for k, v in out["properties"].items()}
        if "items" in out:
            out["items"] = self.expand(out["items"])
        return out

    # -- well-formed values, by name first (the schema says "string" for a NIK), then by type
    def value_for(self, rng, name, schema, scope, op, write):
        p = self.pools
        path = op["path"]
        enum = schema.get("enum") if isinstance(schema, dict) else None
        if enum:
            return rng.choice(enum)
        if name in ("nik", "keep_nik"):
            return p.resident(scope, write)["nik"]
        if name == "birth_date":
            return date_value(rng)
        if name in ("as_of", "date", "lent_until"):
            return rng.choice(["", date_value(rng)]) if name == "date" else "2026-%02d-%02d" % (rng.randint(1, 11), rng.randint(1, 28))
        if name in ("from", "to") and path.endswith("/audit"):
            return "2026-%02d-01T00:00:00Z" % rng.randint(1, 12)
        if name == "kecamatan":
            return p.region("kecamatan", scope)
        if name == "village_code":
            return p.region("desa", scope)
        if name in ("office", "to", "lent_to"):
            return p.region(rng.choice(["kabupaten", "kabupaten", "provinsi"]), scope)
        if name == "province":
            return "65"
        if name in ("code", "region", "wilayah"):
            if path.startswith("/api/v1/stations"):
                return "".join(rng.choice("ABCDEFGH0123456789") for _ in range(12))
            return p.any_region(scope)
        if name == "level":
            return rng.choice(["provinsi", "kabupaten", "kecamatan", "desa"])
        if name in ("name", "mother_name", "father_name", "birth_place"):
            return letters_name(rng, 1 if name == "birth_place" else 2)
        if name == "sex":
            return rng.choice(["L", "P"])
        if name == "religion":
            return rng.choice(["Islam", "Kristen", "Katolik", "Hindu", "Buddha", "Konghucu"])
        if name == "occupation":
            return rng.choice(["GURU", "PETANI", "NELAYAN"])
        if name in ("rt", "rw"):
            return "%03d" % rng.randint(1, 20)
        if name == "address":
            return "JL. %s NO. %d" % (letters_name(rng, 1), rng.randint(1, 99))
        if name in ("serial", "printer"):
            if p.printers and (name == "printer" or rng.random() < 0.7):
                return rng.choice(p.printers)["serial"]
            return "FZ-%d" % rng.randint(1, 10**6)
        if name == "card_serial":
            return "FZC-%d" % rng.randint(1, 10**9)
        if name == "cards_per_day":
            return rng.randint(1, 500)
        if name == "status" and path.startswith("/api/v1/printers"):
            return rng.choice(["active", "broken", "in_repair", "lent"])
        if name == "event":
            return rng.choice(["print", "deliver", "issue_suket", "request_reprint", "queue_reprint", "resolve_not_duplicate", "cancel"])
        if name == "reason":
            return rng.choice(["HILANG", "RUSAK", "PERUBAHAN DATA", "salah ketik"])
        if name == "kind" and path.endswith("/movements"):
            return rng.choice(["tranche", "send", "arrive", "use", "return", "count", "expect"])
        if name == "item":
            return rng.choice(["blangko", "ribbon", "cleaning_kit"])
        if name in ("quantity", "counted"):
            return rng.randint(1, 50)
        if name == "reference":
            return "BAST-%d" % rng.randint(1, 10**6)
        if name == "officer":
            return rng.choice(list(self.users.values()))["name"]
        if name in ("note", "title"):
            return letters_name(rng, 3)
        if name == "username":
            return rng.choice(["tidakada", "fuzzer%d" % rng.randint(1, 99)])
        if name == "password":
            return "salah-%d" % rng.randint(1, 10**6)
        if name == "totp":
            return "%06d" % rng.randint(0, 999999)
        if name in ("public_key", "sha256"):
            return "".join(rng.choice("0123456789abcdef") for _ in range(64))
        if name == "signature":
            return "".join(rng.choice("0123456789abcdef") for _ in range(128))
        if name == "from_sequence":
            return rng.randint(1, 1000)
        if name == "adjudication_id":
            return rng.choice(p.ids["adjudication"] or [1])
        if name == "match_threshold":
            return rng.choice([0.5, 0.9, 3.0, 12.0])
        if name == "top_k":
            return rng.randint(1, 20)
        if name == "force":
            return rng.random() < 0.5
        if name == "lat":
            return round(rng.uniform(2.0, 4.5), 4)
        if name == "lon":
            return round(rng.uniform(115.5, 118.0), 4)
        if name in ("limit", "page_size"):
            return rng.choice([1, 5, 20, 100])
        if name in ("page", "days", "radius_km"):
            return rng.randint(1, 30)
        if name == "after":
            return rng.randint(0, 1000)
        if name == "offset":
            return 0
        if name == "total":
            return rng.randint(1, 4096)
        if name in ("q", "user"):
            return rng.choice(["TARAKAN", "bulungan", "admin", "a", "nunukan"])
        if name == "open":
            return rng.choice(["1", "0", "true"])
        if name == "items" and path.endswith("/nik/check"):
            return [{"nik": p.resident(scope)["nik"], "birth_date": date_value(rng), "sex": rng.choice(["L", "P"])}
                    for _ in range(rng.randint(1, 5))]
        if name == "packets":
            return [{"packet_id": "ST%d-%d" % (rng.randint(1, 99), rng.randint(1, 99)),
                     "sha256": "".join(rng.choice("0123456789abcdef") for _ in range(64))} for _ in range(rng.randint(1, 4))]
        if name == "fingers":
            return [{"position": rng.randint(1, 10), "template": "Rk1SACAyMAA" + "A" * rng.randint(0, 40)}
                    for _ in range(rng.randint(1, 3))]
        if name == "columns":
            return ["kode", "nama", "jumlah"]
        if name == "rows":
            return [[p.any_region(""), letters_name(rng, 1), rng.randint(0, 1000)] for _ in range(rng.randint(0, 5))]
        if name == "changes":
            return {"occupation": rng.choice(["GURU", "PETANI"])}
        t = schema.get("type") if isinstance(schema, dict) else None
        if t == "integer":
            lo, hi = schema.get("minimum", 1), schema.get("maximum", 100)
            return rng.randint(lo, max(lo, min(hi, 100)))
        if t == "number":
            return round(rng.uniform(0, 10), 3)
        if t == "boolean":
            return rng.random() < 0.5
        if t == "array":
            return []
        if t == "object":
            return {}
        return letters_name(rng, 1)

    def path_value(self, rng, name, op, scope, write):
        p, path = self.pools, op["path"]
        if name == "nik":
            return p.resident(scope, write)["nik"]
        if name == "code":
            return p.any_region(rng.choice(["", scope]))
        if name == "serial" and path.startswith("/api/v1/equipment") and getattr(p, "equipment", None):
            return rng.choice(p.equipment)["serial"]
        if name == "serial":
            return rng.choice(p.printers)["serial"] if p.printers else "P1"
        if name == "packet_id":
            return "ST%s-%d" % ("".join(rng.choice("0123456789") for _ in range(9)), rng.randint(1, 50))
        if name == "number":
            return rng.choice(p.suket)["number"] if p.suket else "SKT-65-1"
        if name == "token":
            return rng.choice(p.suket)["token"] if p.suket and p.suket[0]["token"] else "abc.def"
        if name == "id":
            if path.startswith("/api/v1/stations"):
                return rng.choice(p.stations) if p.stations else "ST657101001"
            key = ("adjudication" if "adjudication" in path else "proposal" if ("corrections" in path or "deletions" in path)
                   else "ticket" if "tickets" in path else "job")
            return str(rng.choice(p.ids[key] or [1, 2, 3]))
        return "x"

    def body_for(self, rng, schema, scope, op, write):
        schema = schema or {}
        props = schema.get("properties", {})
        required = set(schema.get("required", []))
        path = op["path"]
        if path == "/api/v1/residents" and op["method"] == "POST":
            props = dict(props)
            for k in ("kk", "relationship", "mother_nik", "father_nik", "new_kk", "kk_reason", "confirm_not_double",
                      "not_double_reason", "parent_reason"):
                props.pop(k, None)
        if path.endswith("/residents/{nik}") and op["method"] == "PATCH":
            field = rng.choice(["occupation", "address", "rt"])
            return {field: self.value_for(rng, field, {}, scope, op, write)}
        if path.startswith("/api/v1/abis/insert"):
            return {"nik": self.pools.resident(scope, True)["nik"], "fingers": self.value_for(rng, "fingers", {}, scope, op, write)}
        if path.startswith("/api/v1/export/"):
            return {"title": letters_name(rng, 2), "columns": ["kode", "nama", "jumlah"],
                    "rows": self.value_for(rng, "rows", {}, scope, op, write)}
        body = {}
        for k, s in props.items():
            if k in required or rng.random() < 0.6:
                body[k] = self.value_for(rng, k, s, scope, op, write)
        if path == "/api/v1/residents" and op["method"] == "POST":
            body["parent_reason"] = "ORANG_TUA_TIDAK_TERDAFTAR"  # [11] a newcomer: adults get a KK of their own
        if path.endswith("/residents/{nik}/events"):
            # [11] The schema lists every type's keys; a body keeps its own type's (a move with a
            # random KK or new head number would only ever be refused).
            own = {"death": {"date"}, "move": {"village_code", "rt", "rw", "address", "with_family"},
                   "marital_change": {"marital_status"}, "correction": {"changes"}}.get(body.get("type"), set())
            body = {k: v for k, v in body.items() if k in own | {"type", "reason"}}
        if path.endswith("/residents/{nik}/events") and body.get("type") == "move":
            body["village_code"] = self.pools.region("desa", scope)
        if path.endswith("/residents/{nik}/events") and body.get("type") == "death":
            body["date"] = "2026-%02d-01" % rng.randint(1, 11)
        if path.endswith("/residents/{nik}/events") and body.get("type") == "marital_change":
            body["marital_status"] = rng.choice(["KAWIN", "CERAI HIDUP", "BELUM KAWIN"])
        if path in ("/api/v1/print/jobs", "/api/v1/suket") and op["method"] == "POST":
            # A record waiting at a desk in the role's scope, at its office, on a printer of that office.
            waiting = [q for q in self.pools.queue if in_scope(scope, q["nik"][:2] + "." + q["nik"][2:4] + "." + q["nik"][4:6])
                       or in_scope(scope, q["office"])]
            if waiting:
                q = rng.choice(waiting)
                body["nik"], body["office"] = q["nik"], q["office"]
                here = [p["serial"] for p in self.pools.printers if p["office"] == q["office"]]
                if here and "printer" in body:
                    body["printer"] = rng.choice(here)
        return body

    # -- one case: op x role, then zero or more mutations
    def make(self, rng, op, role):
        user = self.users.get(role)
        scope = user["scope"] if user else ""
        write = op["method"] != "GET"
        c = Case(op, role)
        c.auth = "none" if role == "anonymous" else rng.choice(["bearer", "bearer", "cookie"])
        if op["path"] == "/api/v1/auth/logout":
            c.auth = "fresh-" + c.auth  # a session of its own: the role's keeps working
        values = {}
        for prm in op["params"]:
            name, where = prm["name"], prm["in"]
            if where == "path":
                values[name] = self.path_value(rng, name, op, scope, write)
            elif where == "query" and (prm.get("required") or rng.random() < 0.5):
                v = self.value_for(rng, name, prm.get("schema", {}), scope, op, write)
                if op["path"] == "/api/v1/public/ektp-status":
                    r = self.pools.resident("", False)
                    v = r["nik"] if name == "nik" else r["birth_date"]
                c.query.append((name, v))
        if op["body"] and op["body"][0] == "json":
            if op["body_required"] or rng.random() < 0.5:
                c.body = self.body_for(rng, op["body"][1], scope, op, write)
                c.ctype = "application/json"
        elif op["body"] and op["body"][0] == "octets":
            c.raw = bytes(rng.randrange(256) for _ in range(rng.randint(0, 300)))
            c.ctype = "application/octet-stream"
            c.query = [("offset", "0"), ("total", str(max(1, len(c.raw))))]
        # Mutations: most cases get one to three.
        n = 0 if rng.random() < 0.35 else rng.randint(1, 3)
        kinds = []
        for _ in range(n):
            kinds.append(self.mutate(rng, c, op, values, scope))
        if kinds:
            c.kind = "+".join(k for k in kinds if k)
        c.path = op["path"]
        for name, v in values.items():
            # Junk path values go as they are (traversal, their own percent-escapes); real ones escaped.
            v = v.text if isinstance(v, RawPath) else urllib.parse.quote(str(v), safe="")
            c.path = c.path.replace("{" + name + "}", v)
        # Oracles, on the request as finally built: a role the document does not list never gets
        # a 2xx, nor do broken credentials, nor a cookie write without its CSRF token, nor a scoped
        # role for the out-of-scope NIK or region a mutation put in (if a later one left it there).
        # (A case sent with another method reaches another route, or none: no oracle of this one.)
        signed_in = op["permission"] not in ("public", "station", "") and c.method == op["method"]
        auth = c.auth[6:] if c.auth.startswith("fresh-") else c.auth
        if signed_in and (role == "anonymous" or auth in ("none", "junk-bearer", "empty-bearer", "junk-cookie")):
            c.expect_denied = "no valid credentials (%s)" % auth
        elif signed_in and op["method"] != "GET" and auth in ("cookie-no-csrf", "cookie-bad-csrf"):
            c.expect_denied = "a cookie write without the CSRF token"
        elif signed_in and op["permission"] != "authenticated" and role not in op["roles"]:
            c.expect_denied = "role %s is not in x-ktpel-roles %s" % (role, op["roles"])
        elif c.probe and c.method == op["method"]:
            where, name, value, why = c.probe
            if where == "query":
                first = next((v for k, v in c.query if k == name), None)
                kept = first == value
            elif where == "path":
                kept = values.get(name) == value
            else:
                kept = isinstance(c.body, dict) and c.body.get(name) == value
            if kept:
                c.expect_denied = why
        c.query = ["%s=%s" % (urllib.parse.quote(str(k), safe=""), urllib.parse.quote(q if isinstance(q, str) else json.dumps(q), safe=""))
                   if not isinstance(q, bytes) else "%s=%s" % (k, q.decode("latin-1")) for k, q in c.query]
        return c

    def mutate(self, rng, c, op, values, scope):
        options = []
        if values:
            options += ["path", "path", "scope_path"]
        if op["params"] or c.query:
            options += ["query", "query", "query_repeat", "query_drop", "query_extra", "scope_query"]
        if c.body is not None or (op["body"] and op["body"][0] == "json"):
            options += ["field", "field", "field", "deep", "deep", "field_missing", "field_extra", "body_shape", "body_raw",
                        "ctype", "scope_body"]
        if c.raw is not None and c.ctype == "application/octet-stream":
            options += ["octets"]
        options += ["auth", "header", "header", "method"]
        kind = rng.choice(options)
        if kind == "path":
            name = rng.choice(list(values))
            values[name] = RawPath(rng.choice(JUNK_PATH))
        elif kind == "scope_path":
            name = rng.choice(list(values))
            if name == "nik" and op.get("scope"):
                s = self.pools.sentinel_outside(scope)
                if s and scope:
                    values[name] = s["nik"]
                    c.probe = ("path", name, s["nik"], "NIK %s lives in %s, outside scope %s" % (s["nik"], s["village_code"], scope))
            else:
                values[name] = self.pools.out_of_scope_region(scope)
        elif kind == "query":
            if c.query and rng.random() < 0.7:
                i = rng.randrange(len(c.query))
                name, v = c.query[i]
                c.query[i] = (name, self.junk_query(rng, v))
            elif op["params"]:
                prm = rng.choice([p for p in op["params"] if p["in"] == "query"] or [{"name": "x"}])
                c.query.append((prm["name"], self.junk_query(rng, "")))
        elif kind == "query_repeat" and c.query:
            name, v = rng.choice(c.query)
            c.query.append((name, self.junk_query(rng, v) if rng.random() < 0.5 else v))
        elif kind == "query_drop" and c.query:
            c.query.pop(rng.randrange(len(c.query)))
        elif kind == "query_extra":
            c.query.append((rng.choice(["as_of", "debug", "role", "scope", "format", "nik", "__proto__", "a" * 300]),
                            self.junk_query(rng, "")))
        elif kind == "scope_query":
            sc = op.get("scope")
            if sc and sc.get("in") == "query" and scope:
                value = self.pools.out_of_scope_region(scope)
                c.query = [q for q in c.query if q[0] != sc["name"]] + [(sc["name"], value)]
                c.probe = ("query", sc["name"], value, "%s=%s is outside scope %s" % (sc["name"], value, scope))
            else:
                c.query.append(("region", self.pools.out_of_scope_region(scope or "65.71")))
        elif kind == "field":
            if not isinstance(c.body, dict) or not c.body:
                c.body = {"x": 1} if c.body is None else c.body
            if isinstance(c.body, dict) and c.body:
                k = rng.choice(list(c.body))
                c.body[k] = hostile_value(rng, c.body[k])
                if rng.random() < 0.3:
                    c.note = "utf8"
        elif kind == "deep" and isinstance(c.body, (dict, list)):
            # A leaf inside a nested value (fingers[0].position, items[1].nik, rows[0][2], changes.name).
            node, key = c.body, None
            for _ in range(4):
                keys = list(node) if isinstance(node, dict) else list(range(len(node)))
                if not keys:
                    break
                key = rng.choice(keys)
                if not isinstance(node[key], (dict, list)) or not node[key] or rng.random() < 0.3:
                    break
                node = node[key]
            if key is not None:
                node[key] = hostile_value(rng, node[key]) if rng.random() < 0.8 else rng.choice(JUNK_NUMBERS)
        elif kind == "scope_body":
            # A NIK or region in the body outside a scoped role's wilayah: a write must not act on it.
            if isinstance(c.body, dict) and scope:
                for k in ("nik", "village_code", "kecamatan", "office", "wilayah"):
                    if k not in c.body:
                        continue
                    if k == "nik":
                        s = self.pools.sentinel_outside(scope)
                        if not s:
                            continue
                        c.body[k] = s["nik"]
                    else:
                        c.body[k] = self.pools.out_of_scope_region(scope)
                    if op["method"] != "GET" and op["path"] not in SCOPE_BODY_EXEMPT:
                        c.probe = ("body", k, c.body[k], "body %s=%s is outside scope %s" % (k, c.body[k], scope))
                    break
        elif kind == "field_missing" and isinstance(c.body, dict) and c.body:
            c.body.pop(rng.choice(list(c.body)))
        elif kind == "field_extra":
            if not isinstance(c.body, dict):
                c.body = {}
            c.body[rng.choice(["shoe_size", "nik", "role", "scope", "id", "__proto__", "é", "", "a" * 200])] = \
                rng.choice([1, "x", None, [], {"a": {"b": []}}])
        elif kind == "body_shape":
            c.body = rng.choice([[], [c.body], "text", 0, None, True, {"": None}, [[[[]]]], {"a": [1] * 10000}])
            if c.body is None:
                c.raw = b"null"
        elif kind == "body_raw":
            c.raw = rng.choice([b"", b"{", b"}", b"{\"a\":}", b"\xff\xfe\xfd", b"{\"name\":\"\xff\xc0\xaf\"}",
                                b"[" * 100 + b"]" * 100, b"{\"a\":1e999999}", b"{\"a\":-1e999999}", b"NaN",
                                b"{\"a\":18446744073709551616}", b"{\"a\":\"\\ud800\"}", b"\x00" * 64,
                                b"{\"a\":1,\"a\":2}", b"{\"nik\":" + b"9" * 5000 + b"}", b" " * 100000,
                                json.dumps({"k%d" % i: i for i in range(20000)}).encode()])
        elif kind == "ctype":
            c.ctype = rng.choice(["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "", "application/json; charset=latin1"])
        elif kind == "octets":
            c.query = rng.choice([[("offset", "0")], [("offset", "-1"), ("total", "10")], [("offset", "0"), ("total", "0")],
                                  [("offset", "99999999999"), ("total", "1")], [("offset", "5"), ("total", "3")],
                                  [("offset", "0"), ("total", "16777217")], [("offset", "0"), ("total", "9" * 30)],
                                  [("offset", "0"), ("total", "10"), ("total", "20")]])
            if rng.random() < 0.2:
                c.raw = os.urandom(0) if rng.random() < 0.5 else b"\x00" * rng.randint(1, 70000)
        elif kind == "header":
            name, value = rng.choice([
                ("Range", "bytes=0-10"), ("Range", "bytes=999999999-"), ("Range", "bytes=5-1"), ("Range", "bytes=-1"),
                ("Range", "bytes=" + ",".join("%d-%d" % (i, i) for i in range(300))), ("Range", "items=0-1"),
                ("Expect", "100-continue"), ("X-Station", "\xff\xfe" + "S" * rng.choice([1, 5000])), ("X-Station", BIDI + "ST1"),
                ("X-Forwarded-For", "1.2.3.4, ::1"), ("Accept-Encoding", "gzip, deflate"), ("Accept", "application/xml"),
                ("Cookie", "; ".join("c%d=%d" % (i, i) for i in range(500))), ("X-CSRF-Token", "\xff" * 40),
                ("Origin", "http://evil.example"), ("X-Request-Id", "\xff" * 50), ("If-None-Match", "*"),
                ("Content-Encoding", "gzip"), ("Transfer-Encoding", "identity")])
            c.headers[name] = value.encode("utf-8") if any(ord(ch) > 255 for ch in value) else value.encode("latin-1")
        elif kind == "method":
            c.method = rng.choice(["DELETE", "OPTIONS", "HEAD", "TRACE", "PATCH", "PUT", "POST", "GET", "PROPFIND"])
            if c.method in ("GET", "HEAD", "OPTIONS", "TRACE"):
                c.body, c.raw = None, None
        elif kind == "auth":
            fresh = "fresh-" if c.auth.startswith("fresh-") else ""
            c.auth = fresh + rng.choice(["junk-bearer", "cookie-no-csrf", "cookie-bad-csrf", "both", "none", "empty-bearer", "junk-cookie"])
        return kind

    def junk_query(self, rng, v):
        r = rng.random()
        if r < 0.5:
            return rng.choice(JUNK_STRINGS)
        if r < 0.8:
            return str(rng.choice(JUNK_NUMBERS))
        if r < 0.9:
            return b"%FF%00%C0%AF"  # raw percent-escapes: invalid UTF-8 and NUL after decoding
        return "9" * rng.choice([30, 400, 5000])


# ---------------------------------------------------------------------------------------------
# Running and judging.

# Answers that may list regions or people outside the caller's scope by design: geography, the
# NIK checker (any NIK), exports (the caller's own table echoed), audit entries, stations, and
# duplicate pairs (one person may live elsewhere).
LEAK_EXEMPT = {"/api/v1/wilayah", "/api/v1/wilayah/nearest", "/api/v1/wilayah/{code}", "/api/v1/wilayah/{code}/children",
               "/api/v1/nik/check", "/api/v1/export/csv", "/api/v1/export/xlsx", "/api/v1/audit", "/api/v1/stations",
               "/api/v1/dedup/pairs", "/api/v1/dedup/clusters", "/api/v1/adjudication", "/api/v1/openapi.json"}


def leaked_item(answer, scope):
    """The first listed item (items/rows) that names a region neither in the scope nor above it, or
    None. A printer lent into the scope may belong to an office outside it."""
    for key in ("items", "rows"):
        for item in answer.get(key) or []:
            if not isinstance(item, dict):
                continue
            # (Not the NIK's region: a resident who moved in keeps the NIK of the place of birth.)
            codes = [item.get(k) for k in ("office", "village_code", "code") if isinstance(item.get(k), str) and item.get(k)]
            # A ledger movement: seen when either side is an office in (or above) the scope.
            sides = [item[k][7:] for k in ("debit", "credit") if isinstance(item.get(k), str) and item[k].startswith("office:")]
            if sides and not codes and not any(in_scope(scope, x) or above_scope(scope, x) for x in sides):
                return item
            lent = item.get("lent_to")
            for code in codes:
                if code and not in_scope(scope, code) and not above_scope(scope, code) and not (
                        isinstance(lent, str) and lent and in_scope(scope, lent)):
                    return item
    return None

class Run:
    def __init__(self, srv, gen, users, seed, verbose):
        self.srv, self.gen, self.users, self.seed, self.verbose = srv, gen, users, seed, verbose
        self.lock = threading.Lock()
        self.hist = defaultdict(Counter)      # "METHOD path" -> status -> n
        self.roles_seen = defaultdict(set)
        self.failures = []
        self.sent = 0
        self.fatal = None
        self.samples_5xx = []                 # a few allowed 503 answers, shown in the summary

    def headers_for(self, c):
        h = {}
        user = self.users.get(c.role)
        auth = c.auth
        if auth.startswith("fresh-") and user:
            st, j = self.srv.json("POST", "/api/v1/auth/login", body={"username": user["name"], "password": user["password"]})
            if st == 200 and j:
                user = dict(user, token=j["token"], csrf=j["csrf_token"])
            auth = auth[6:]
        if user and auth == "bearer":
            h["Authorization"] = "Bearer " + user["token"]
        elif user and auth == "cookie":
            h["Cookie"] = "ktpel_session=" + user["token"]
            if c.method != "GET":
                h["X-CSRF-Token"] = user["csrf"]
        elif user and auth == "cookie-no-csrf":
            h["Cookie"] = "ktpel_session=" + user["token"]
        elif user and auth == "cookie-bad-csrf":
            h["Cookie"] = "ktpel_session=" + user["token"]
            h["X-CSRF-Token"] = user["csrf"][:-1] + ("0" if user["csrf"][-1] != "0" else "1")
        elif user and auth == "both":
            h["Authorization"] = "Bearer " + user["token"]
            h["Cookie"] = "ktpel_session=junk; ktpel_session=" + user["token"]
        elif auth == "junk-bearer":
            h["Authorization"] = "Bearer " + "deadbeef" * 8
        elif auth == "empty-bearer":
            h["Authorization"] = "Bearer "
        elif auth == "junk-cookie":
            h["Cookie"] = "ktpel_session=%00%2e%2e; ktpel_session="
        if c.ctype is not None:
            h["Content-Type"] = c.ctype
        h.update(c.headers)
        return h

    def describe(self, i, c, status, why, body=b""):
        data = c.body_bytes()
        shown = "" if data is None else data[:400].decode("utf-8", "backslashreplace") + (" ...(%d bytes)" % len(data) if len(data) > 400 else "")
        return ("case %d (seed %s, --only %d): %s as %s [%s, auth %s]\n  %s %s\n  body: %s\n  -> %s: %s\n  answer: %s"
                % (i, self.seed, i, why, c.role, c.kind, c.auth, c.method, c.target()[:600], shown, status, why,
                   body[:300].decode("utf-8", "backslashreplace")))

    def judge(self, i, c, status, h, body):
        problems = []
        if status >= 500 and not (status == 503 and "retry-after" in h):
            problems.append("%d answered" % status)
        ctype = h.get("content-type", "")
        parsed = None
        if ctype.startswith("application/json") and c.method != "HEAD":
            try:
                parsed = json.loads(body.decode("utf-8"))
            except ValueError as e:
                problems.append("a JSON answer that does not parse (%s)" % e)
        if 400 <= status < 500 and c.method != "HEAD":
            err = parsed.get("error") if isinstance(parsed, dict) else None
            if not isinstance(err, dict) or not isinstance(err.get("code"), str) or not err["code"]:
                problems.append("a %d without a JSON {error:{code}} body (Content-Type %r)" % (status, ctype))
        if c.expect_denied and 200 <= status < 300:
            problems.append("a %d where it must be refused: %s" % (status, c.expect_denied))
        user = self.users.get(c.role)
        if user and user["scope"] and 200 <= status < 300 and isinstance(parsed, dict) and c.op["path"] not in LEAK_EXEMPT:
            leak = leaked_item(parsed, user["scope"])
            if leak:
                problems.append("an item outside scope %s in the answer: %s" % (user["scope"], json.dumps(leak)[:300]))
        return problems

    def one(self, i, c):
        data = c.body_bytes()
        try:
            headers = self.headers_for(c)
            t0 = time.monotonic()
            status, h, body = self.srv.send(c.method, c.target(), data, headers)
            took = time.monotonic() - t0
        except (http.client.InvalidURL, ValueError, UnicodeError) as e:
            # Refused by our own client (a control character in the target): nothing was sent.
            with self.lock:
                self.hist["(not sendable)"][str(type(e).__name__)] += 1
            return
        except (OSError, http.client.HTTPException) as e:
            self.srv.drop()
            alive = self.healthz()
            # A cut-short body (seen once on PostgreSQL: a cancel answered with a Content-Length of
            # 176,420 and 239 bytes): show what did arrive, and the headers sent, to find out why.
            partial = ""
            if isinstance(e, http.client.IncompleteRead):
                partial = "; partial body %r; request headers %r" % (bytes(e.partial[:400]), sorted(headers.items()))
            with self.lock:
                self.failures.append(self.describe(i, c, "no answer", "%s: %s; /healthz %s%s" % (type(e).__name__, e, "answers" if alive else "DOES NOT answer", partial)))
                if not alive:
                    self.fatal = "the server stopped answering after case %d" % i
            return
        else:
            problems = self.judge(i, c, status, h, body)
            if took > 20:
                problems.append("took %.1f s" % took)
            # After a request with mutated headers the connection's state is not trusted: the next
            # request opens a fresh one. (Twice on PostgreSQL a later request on the same kept-alive
            # connection read an earlier request's answer — a 200 stuck list for a junk-bearer POST;
            # which header leaves the stream out of step is not found yet: see the closing note.)
            if c.headers:
                self.srv.drop()
        key = "%s %s" % (c.method, c.op["path"])
        with self.lock:
            if status >= 500 and len(self.samples_5xx) < 5:
                self.samples_5xx.append("%s %s as %s -> %d %s" % (c.method, c.target()[:100], c.role, status,
                                                                   body[:200].decode("utf-8", "replace")))
            self.sent += 1
            self.hist[key][status] += 1
            self.roles_seen[key].add(c.role)
            for p in problems:
                self.failures.append(self.describe(i, c, status, p, body))
        if self.verbose:
            print("%6d %s %-8s %s %s -> %d" % (i, c.role, c.auth, c.method, c.target()[:120], status), flush=True)

    def healthz(self):
        for _ in range(50):
            try:
                conn = http.client.HTTPConnection(self.srv.host, self.srv.port, timeout=5)
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    conn.close()
                    return True
                conn.close()
            except (OSError, http.client.HTTPException):
                pass
            time.sleep(0.1)
        return False


def setup_error(message):
    print("api_fuzz: set-up: " + message, file=sys.stderr)
    sys.exit(2)


def login(srv, name, password):
    st, j = srv.json("POST", "/api/v1/auth/login", body={"username": name, "password": password})
    if st != 200 or not j:
        setup_error("login %s: %s %s" % (name, st, j))
    return j["token"], j["csrf_token"], j["user"]["role"], j["user"]["wilayah"]


def case_for(gen, seed, i, pairs):
    """Case i of the run: the first len(pairs) cover every operation x role once, in a shuffled
    order; after that the pair is drawn at random. A function of (seed, i) alone."""
    rng = random.Random("%s:%d" % (seed, i))
    if i < len(pairs):
        op, role = pairs[i]
    else:
        # After the floor, mostly as a role the operation allows: its handler is where bugs hide.
        op, role = rng.choice(pairs)
        if op["roles"] and rng.random() < 0.6:
            role = rng.choice([r for r in op["roles"] if r in gen.users] or [role])
    return gen.make(rng, op, role)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", required=True)
    ap.add_argument("--user", action="append", default=[], help="ROLE=NAME:PASSWORD (one per role)")
    ap.add_argument("--seed", default=os.environ.get("FUZZ_SEED") or str(random.SystemRandom().randrange(10**9)))
    ap.add_argument("--seconds", type=float, default=float(os.environ.get("FUZZ_SECONDS", 20)))
    ap.add_argument("--requests", type=int, default=int(os.environ.get("FUZZ_REQUESTS", 0)), help="stop after N (0: time only)")
    ap.add_argument("--threads", type=int, default=int(os.environ.get("FUZZ_THREADS", 4)))
    ap.add_argument("--only", type=int, action="append", help="send only case N (repeatable): reproduce a failure")
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--verbose", action="store_true")
    a = ap.parse_args()
    print("api_fuzz: seed %s (FUZZ_SEED=%s reproduces the run; --only N one case)" % (a.seed, a.seed), flush=True)

    srv = Server(a.base, a.timeout)
    status, doc = srv.json("GET", "/api/v1/openapi.json")
    if status != 200 or not isinstance(doc, dict) or "paths" not in doc:
        setup_error("no OpenAPI document at %s/api/v1/openapi.json (%s)" % (a.base, status))
    users = {}
    for spec in a.user:
        role, rest = spec.split("=", 1)
        name, password = rest.split(":", 1)
        token, csrf, real_role, scope = login(srv, name, password)
        if real_role != role:
            setup_error("%s has role %s, not %s" % (name, real_role, role))
        users[role] = {"name": name, "password": password, "token": token, "csrf": csrf, "scope": scope}
    if "centre" not in users:
        setup_error("a centre account is needed to read the data the requests use")
    pools = Pools(srv, users["centre"]["token"], random.Random(a.seed + ":pools"))
    pools.load()
    print("api_fuzz: %d operations; roles %s; %d residents (+%d kept for the scope oracle), %d regions, %d printers, %d suket"
          % (sum(len(v) for v in doc["paths"].values()), ", ".join(sorted(users)), len(pools.residents), len(pools.sentinels),
             sum(len(v) for v in pools.regions.values()), len(pools.printers), len(pools.suket)), flush=True)
    gen = Generator(doc, pools, users)
    roles = sorted(users) + ["anonymous"]
    pairs = [(op, r) for op in gen.ops for r in roles]
    random.Random(a.seed + ":order").shuffle(pairs)
    run = Run(srv, gen, users, a.seed, a.verbose)

    if a.only:
        for i in a.only:
            c = case_for(gen, a.seed, i, pairs)
            run.one(i, c)
            print("case %d: %s as %s [%s, auth %s] %s %s -> %s" % (i, c.op["path"], c.role, c.kind, c.auth, c.method,
                                                                  c.target()[:300], dict(run.hist)))
        for f in run.failures:
            print("FAIL " + f)
        return 1 if run.failures else 0

    deadline = time.monotonic() + a.seconds
    counter = iter(range(10**12))
    counter_lock = threading.Lock()
    # Every operation x role at least once (valid or mutated), then until the budget is spent.
    floor = len(pairs)

    def worker():
        while run.fatal is None:
            with counter_lock:
                i = next(counter)
            if i >= floor and (time.monotonic() > deadline or (a.requests and i >= a.requests)):
                return
            run.one(i, case_for(gen, a.seed, i, pairs))

    started = time.monotonic()
    batch = 0
    threads = [threading.Thread(target=worker, daemon=True) for _ in range(max(1, a.threads))]
    for t in threads:
        t.start()
    # /healthz between batches: every second while the workers run.
    health_misses = 0
    while any(t.is_alive() for t in threads):
        time.sleep(1)
        batch += 1
        if not run.healthz():
            health_misses += 1
            run.failures.append("/healthz did not answer at second %d (after %d requests)" % (batch, run.sent))
            if health_misses >= 3:
                run.fatal = run.fatal or "/healthz stopped answering"
    for t in threads:
        t.join(timeout=a.timeout + 5)
    took = time.monotonic() - started

    print("\n%-52s %6s  %-5s  %s" % ("operation", "sent", "roles", "statuses"))
    for key in sorted(run.hist):
        print("%-52s %6d  %-5d  %s" % (key, sum(run.hist[key].values()), len(run.roles_seen[key]),
                                       " ".join("%s:%d" % (s, n) for s, n in sorted(run.hist[key].items()))))
    covered = sum(len(v) for v in run.roles_seen.values())
    total = Counter()
    for v in run.hist.values():
        total.update(v)
    print("\napi_fuzz: %d requests in %.1f s (%.0f/s), %d operations x %d roles (with anonymous) = %d pairs, %d covered; statuses %s"
          % (run.sent, took, run.sent / max(took, 1e-9), len(gen.ops), len(roles), len(pairs), covered,
             " ".join("%s:%d" % (s, n) for s, n in sorted(total.items()))))
    for sample in run.samples_5xx:
        print("api_fuzz: allowed (Retry-After): " + sample)
    if not run.healthz():
        run.failures.append("/healthz does not answer at the end")
    if run.fatal:
        run.failures.append("FATAL: " + run.fatal)
    for f in run.failures[:60]:
        print("FAIL " + f, flush=True)
    if len(run.failures) > 60:
        print("FAIL ... and %d more" % (len(run.failures) - 60))
    print("api_fuzz: %s (seed %s)" % ("%d failures" % len(run.failures) if run.failures else "no failure", a.seed))
    return 1 if run.failures else 0


if __name__ == "__main__":
    sys.exit(main())
