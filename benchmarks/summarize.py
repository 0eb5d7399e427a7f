#!/usr/bin/env python3
"""Turns a run's BenchmarkDotNet CSV reports (and endpoint-throughput.md) into the goal table of
benchmarks/README.md: benchmark, mean, allocated, floor mean, floor allocated, ratio, goal, met?

    python3 benchmarks/summarize.py benchmarks/results/short
"""
import csv
import glob
import os
import re
import sys

UNITS = {"ns": 1.0, "us": 1e3, "μs": 1e3, "ms": 1e6, "s": 1e9}
SIZES = {"B": 1, "KB": 1024, "MB": 1024 * 1024}


def ns(text):
    m = re.match(r"([\d,.]+)\s*(ns|us|μs|ms|s)$", text.strip())
    return float(m.group(1).replace(",", "")) * UNITS[m.group(2)] if m else None


def size(text):
    text = text.strip()
    if text in ("-", "0 B", ""):
        return 0.0
    m = re.match(r"([\d,.]+)\s*(B|KB|MB)$", text)
    return float(m.group(1).replace(",", "")) * SIZES[m.group(2)] if m else None


def fmt_ns(v):
    if v is None:
        return "NA"
    if v >= 1e6:
        return f"{v / 1e6:,.2f} ms"
    if v >= 1e3:
        return f"{v / 1e3:,.2f} µs"
    return f"{v:,.1f} ns"


def fmt_b(v):
    if v is None:
        return "NA"
    return "0 B" if v == 0 else (f"{v / 1024:,.2f} KB" if v >= 1024 else f"{v:,.0f} B")


def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def pairs(data, key):
    """Groups a class's rows by key(row) and returns (floor, sdk) pairs."""
    groups = {}
    for r in data:
        groups.setdefault(key(r), []).append(r)
    for k, g in groups.items():
        floor = next((r for r in g if r["Method"].strip("'").startswith("floor")), None)
        for r in g:
            if r is not floor:
                yield k, floor, r


def main(run):
    out = []
    header = "| Benchmark | Mean | Allocated | Floor mean | Floor allocated | Ratio (time / alloc) | Goal | Met? |"
    out += [header, "|---|---:|---:|---:|---:|---:|---|---|"]
    reports = {os.path.basename(p).replace("-report.csv", "").split(".")[-1].replace("Benchmarks", ""): rows(p)
               for p in glob.glob(os.path.join(run, "results", "*-report.csv"))}

    def line(name, sdk, floor, goal, met, ratio_text=None):
        m, a = ns(sdk["Mean"]), size(sdk["Allocated"])
        fm, fa = (ns(floor["Mean"]), size(floor["Allocated"])) if floor else (None, None)
        if ratio_text is None:
            tr = f"{m / fm:.2f}×" if m and fm else "NA"
            ar = "1.00×" if a == fa else (f"{a / fa:.2f}×" if a is not None and fa else ("∞ (floor 0 B)" if a else "NA"))
            ratio_text = f"{tr} / {ar}"
        out.append(f"| {name} | {fmt_ns(m)} | {fmt_b(a)} | {fmt_ns(fm)} | {fmt_b(fa)} | {ratio_text} | {goal} | {met} |")

    for k, floor, sdk in pairs(reports.get("Webhook", []), lambda r: (r.get("Event"), r.get("Size"))):
        r = ns(sdk["Mean"]) / ns(floor["Mean"])
        one_pass = "VerifyAndParse" in sdk["Method"]
        line(f"1. Webhook {'VerifyAndParse (one pass)' if one_pass else 'Verify + Parse (separate)'}, {k[0]} {k[1]} B", sdk, floor,
             "≤ 2.0× time" if one_pass else "(measured)", ("yes" if r <= 2.0 else "**no**") if one_pass else "—")
    for k, floor, sdk in pairs(reports.get("Serialization", []), lambda r: r.get("Categories")):
        r = ns(sdk["Mean"]) / ns(floor["Mean"])
        ok = r <= 1.2 and size(sdk["Allocated"]) <= size(floor["Allocated"])
        line(f"2. Send body, {'send-text' if k == 'text' else 'list-with-buttons'}", sdk, floor, "≤ 1.2× time, no extra alloc", "yes" if ok else "**no**")
    for _, floor, sdk in pairs(reports.get("SendTextEndToEnd", []), lambda r: 0):
        r = ns(sdk["Mean"]) / ns(floor["Mean"])
        a = size(sdk["Allocated"]) / size(floor["Allocated"])
        line("3. SendTextAsync end to end (loopback Kestrel)", sdk, floor, "≤ 1.15× time, ≤ 1.5× alloc", "yes" if r <= 1.15 and a <= 1.5 else "**no**")
    for _, floor, sdk in pairs(reports.get("CachedTokenLookup", []), lambda r: 0):
        m = ns(sdk["Mean"])
        line("4. Cached token lookup, 1 of 10,000 OAs", sdk, floor, "< 100 ns, 0 B", "yes" if m < 100 and size(sdk["Allocated"]) == 0 else "**no**")
    for _, floor, sdk in pairs(reports.get("ConcurrentRefresh", []), lambda r: 0):
        r = ns(sdk["Mean"]) / ns(floor["Mean"])
        line("5. 1,000 callers at expiry (one refresh, checked)", sdk, floor, "slowest ≤ 2× one round trip", "yes" if r <= 2 else "**no**")
    for _, floor, sdk in pairs(reports.get("Dispatch", []), lambda r: 0):
        line("6. Dispatch to IZaloWebhookHandler<T>", sdk, floor, "(measured, no target)", "—")
    endpoint = os.path.join(run, "endpoint-throughput.md")
    if os.path.exists(endpoint):
        text = open(endpoint, encoding="utf-8").read()
        m = re.search(r"Ratio webhook/reference: ([\d.]+)×", text)
        med = [[c.strip() for c in l.strip().strip("|").split("|")] for l in text.splitlines() if l.startswith("| reference") or l.startswith("| MapZaloWebhook")]
        if m and len(med) >= 2:
            ratio = float(m.group(1))
            out.append(f"| Endpoint throughput, MapZaloWebhook vs read-the-body 200 | {med[1][1]} req/s | — | {med[0][1]} req/s | — | {ratio:.2f}× throughput | ≥ 0.8× | {'yes' if ratio >= 0.8 else '**no**'} |")
    print("\n".join(out))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "benchmarks/results/short")
