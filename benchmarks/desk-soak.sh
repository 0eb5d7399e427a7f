#!/usr/bin/env bash
# Memory per instance after an hour of load (issue 18). Two desk instances as desk-load.sh starts them
# (PostgreSQL + Redis, Zalo mode, Zalo's hosts pointed at a closed loopback port) on a generated
# national database (scale 0.01: 3,354 units, 10,000 cases), under a steady mixed load:
#   - signed webhooks over all OAs and 50,000 citizens at RATE/s (the Load tool), and
#   - officers reading: the national administrator and the officers of the three busiest communes,
#     signed in through the real form, loading the inbox, a search, a case page and the statistics
#     page in turn at READ_RATE pages/s (the Load tool's --read mode).
# Every minute it samples each instance's RSS (/proc/PID/status VmRSS), requests served (the
# hosting log's "Request finished" lines) and PostgreSQL connections (by Application Name); the GC
# heap (sum of dotnet.gc.last_collection.heap.size over the generations) and gen-2 collections come
# from `dotnet-counters collect` (System.Runtime meter, 60 s interval). A gcdump of each instance
# after the warm-up and at the end (dotnet-gcdump; GCDUMP=0 to skip) names what grew.
#   bash benchmarks/desk-soak.sh [minutes=60] [webhooks/s=30] [pages/s=2]
# Starts throwaway servers (.ci/services.sh) and generates the data unless SOAK_PG names a database
# the generator already filled (then ZALOOA_REDIS must be set). Ports: PORTS (default "5191 5192").
# The table lands in benchmarks/results/scale/soak-<UTC date>.md (OUT overrides).
# Uses the Release builds of the desk, the generator and the Load tool (built here when missing).
set -euo pipefail
# The whole script is one block, read before it runs: editing the file during an hour's run
# cannot change what the run does.
{
cd "$(dirname "$0")/.."
minutes="${1:-60}"; rate="${2:-30}"; read_rate="${3:-2}"
read -r -a ports <<<"${PORTS:-5191 5192}"
out="${OUT:-benchmarks/results/scale/soak-$(date -u +%Y-%m-%d).md}"
desk=samples/ZaloOA.PoliceDesk/bin/Release/net10.0/ZaloOA.PoliceDesk.dll
load=benchmarks/ZaloOA.PoliceDesk.Load/bin/Release/net10.0/ZaloOA.PoliceDesk.Load.dll
gen=benchmarks/ZaloOA.PoliceDesk.DataGen/bin/Release/net10.0/ZaloOA.PoliceDesk.DataGen.dll
[ -f "$desk" ] || dotnet build samples/ZaloOA.PoliceDesk -c Release
[ -f "$load" ] || dotnet build benchmarks/ZaloOA.PoliceDesk.Load -c Release
export PATH="$PATH:$HOME/.dotnet/tools"
# The diagnostics tools come from NuGet as global tools; without them the GC columns say n/a.
for tool in dotnet-counters dotnet-gcdump; do
  command -v "$tool" >/dev/null || dotnet tool install --global "$tool" >/dev/null 2>&1 || echo "$tool not installable: its columns stay n/a"
done

work="$(mktemp -d)"
pids=(); helpers=()
cleanup() {
  for p in "${helpers[@]}" "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -n "${KEEP_LOGS:-}" ] && cp -r "$work" "/tmp/soak-$(date +%s)"
  rm -rf "$work"
  [ -n "${started_services:-}" ] && stop_services
  return 0
}
trap cleanup EXIT
if [ -n "${SOAK_PG:-}" ]; then
  pg="$SOAK_PG"; redis="${ZALOOA_REDIS:?set ZALOOA_REDIS with SOAK_PG}"
else
  if [ -z "${ZALOOA_POSTGRES:-}" ] || [ -z "${ZALOOA_REDIS:-}" ]; then
    # shellcheck source=/dev/null
    source .ci/services.sh
    start_services
    started_services=1
  fi
  [ -f "$gen" ] || dotnet build benchmarks/ZaloOA.PoliceDesk.DataGen -c Release
  pg="${ZALOOA_POSTGRES/Database=zalooa_test/Database=soak_$(date +%s)}"; redis="$ZALOOA_REDIS"
  dotnet "$gen" generate --postgres "$pg" --redis "$redis" --scale "${SCALE:-0.01}" --now "${NOW:-2026-11-29T00:00:00Z}" | tail -1
fi
field() { printf '%s' "$pg" | tr ';' '\n' | grep -i "^$1=" | head -1 | cut -d= -f2-; }
export PGHOST="$(field Host)" PGPORT="$(field Port)" PGUSER="$(field Username)" PGPASSWORD="$(field Password)" PGDATABASE="$(field Database)"

app_id=1000000000000000001
secret="bench-oa-secret-$RANDOM$RANDOM"
for port in "${ports[@]}"; do
  # The hosting log at Information writes one "Request finished" line per request: the count of
  # requests served, read from outside without touching the desk.
  ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" \
    Storage__Provider=PostgreSQL Storage__ConnectionString="$pg;Maximum Pool Size=${POOL:-40};Application Name=soak-$port" Redis__Configuration="$redis" \
    Zalo__AppId=$app_id Zalo__SecretKey="bench-secret-$RANDOM$RANDOM" Zalo__OaSecretKey="$secret" \
    Desk__CaseNumberPrefix=VN \
    Zalo__ApiBaseUrl=http://127.0.0.1:9/ Zalo__OAuthBaseUrl=http://127.0.0.1:9/ Zalo__BusinessApiBaseUrl=http://127.0.0.1:9/ \
    Logging__LogLevel__Default=Warning \
    env Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics=Information dotnet "$desk" >"$work/desk-$port.log" 2>&1 &
  pids+=($!)
done
for port in "${ports[@]}"; do
  for _ in $(seq 1 900); do curl -fs -o /dev/null "http://127.0.0.1:$port/Account/Login" && break; sleep 0.2; done
  curl -fs -o /dev/null "http://127.0.0.1:$port/Account/Login" || { echo "the desk on $port did not start:"; tail -20 "$work/desk-$port.log"; exit 1; }
done
webhooks="$(printf 'http://127.0.0.1:%s/zalo/webhook,' "${ports[@]}")"; webhooks="${webhooks%,}"
bases="$(printf 'http://127.0.0.1:%s/,' "${ports[@]}")"; bases="${bases%,}"
psql -Atc 'SELECT "ZaloOaId" FROM "Units" WHERE "ZaloOaId" IS NOT NULL ORDER BY "Id"' >"$work/oas.txt"
# The national administrator and both officers of the three communes with the most cases.
users="tw.admin,$(psql -Atc 'SELECT s."UserName" FROM "Staff" s JOIN (SELECT "UnitId", count(*) n FROM "Cases" GROUP BY "UnitId" ORDER BY n DESC LIMIT 3) b ON b."UnitId" = s."UnitId" WHERE s."Role" <> '"'Administrator'"' ORDER BY b.n DESC, s."UserName"' | paste -sd,)"
webhook_args=(--url "$webhooks" --app-id $app_id --oa-secret "$secret" --oa-id "$(head -1 "$work/oas.txt")" --oa-ids-file "$work/oas.txt" --citizens 50000)
read_args=(--read --base "$bases" --users "$users" --password "${PASSWORD:-Bench-only-2026!}")
# Warm-up (not sampled): code compiled to the optimised tier, pools filled, every reader page seen once.
dotnet "$load" "${webhook_args[@]}" --rate 20 --seconds "${WARMUP:-15}" --max 2000 >"$work/warmup.txt" || true
dotnet "$load" "${read_args[@]}" --rate "$read_rate" --seconds "${WARMUP:-15}" >>"$work/warmup.txt" || true
sleep 2

dump() { # $1 = label: a gcdump of each instance (it forces a full GC), reported by type
  command -v dotnet-gcdump >/dev/null || return 0
  local i
  for i in "${!ports[@]}"; do
    dotnet-gcdump collect -p "${pids[$i]}" -o "$work/$1-${ports[$i]}.gcdump" >/dev/null 2>&1 &&
      dotnet-gcdump report "$work/$1-${ports[$i]}.gcdump" >"$work/$1-${ports[$i]}.txt" 2>/dev/null || true
  done
}
[ "${GCDUMP:-1}" = 1 ] && dump start
seconds=$((minutes * 60))
counters=()
for i in "${!ports[@]}"; do
  if command -v dotnet-counters >/dev/null; then
    # It buffers its file and writes the rest only when it stops by itself (--duration), not when killed.
    dotnet-counters collect -p "${pids[$i]}" --refresh-interval 60 --format csv -o "$work/counters-${ports[$i]}.csv" --counters System.Runtime \
      --duration "$(printf '00:%02d:%02d:00' $(((minutes + 2) / 60)) $(((minutes + 2) % 60)))" >/dev/null 2>&1 </dev/null &
    counters+=($!); helpers+=($!)
  fi
done

dotnet "$load" "${webhook_args[@]}" --rate "$rate" --seconds "$seconds" --max $((rate * seconds + 1)) >"$work/webhooks.txt" 2>&1 &
webhook_pid=$!
dotnet "$load" "${read_args[@]}" --rate "$read_rate" --seconds "$seconds" >"$work/reads.txt" 2>&1 &
read_pid=$!
helpers+=("$webhook_pid" "$read_pid")
start=$(date +%s)
rss() { awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo gone; }
served() { grep -c "Request finished" "$work/desk-$1.log" || true; }
connections() { psql -Atc "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'soak-$1'"; }
sample() { # minute, then per instance: epoch rss served connections
  local i line="$1 $(date +%s)"
  for i in "${!ports[@]}"; do line="$line $(rss "${pids[$i]}") $(served "${ports[$i]}") $(connections "${ports[$i]}")"; done
  echo "$line" >>"$work/samples.txt"
}
sample 0
for m in $(seq 1 "$minutes"); do
  sleep $((start + m * 60 - $(date +%s) > 0 ? start + m * 60 - $(date +%s) : 0))
  sample "$m"
  echo "minute $m: $(tail -1 "$work/samples.txt")"
done
wait "$webhook_pid" || true
wait "$read_pid" || true
for p in "${counters[@]}"; do wait "$p" || true; done
[ "${GCDUMP:-1}" = 1 ] && dump end

mkdir -p "$(dirname "$out")"
python3 - "$work" "$out" "$minutes" "$rate" "$read_rate" "$(git rev-parse --short HEAD)" "$(cut -d' ' -f1-3 /proc/loadavg)" "${ports[@]}" <<'PY'
import csv, datetime, os, re, sys
work, out, minutes, rate, read_rate, commit, load = sys.argv[1:8]
ports = sys.argv[8:]

def counters(port):
    """Per counters interval (epoch, GC heap MB, gen-2 collections since sampling began, GC committed MB)."""
    path = os.path.join(work, f"counters-{port}.csv")
    if not os.path.exists(path):
        return []
    # One interval's rows carry timestamps a second or two apart: a row more than 10 s after the
    # interval's first row starts the next interval.
    intervals = []
    for row in csv.DictReader(open(path)):
        t = datetime.datetime.strptime(row["Timestamp"], "%m/%d/%Y %H:%M:%S").replace(tzinfo=datetime.timezone.utc).timestamp()
        if not intervals or t - intervals[-1]["t"] > 10:
            intervals.append({"t": t, "heap": None, "gen2": 0.0, "committed": 0.0})
        name, value = row["Counter Name"], float(row["Mean/Increment"] or 0)
        if name.startswith("dotnet.gc.last_collection.heap.size"):
            intervals[-1]["heap"] = (intervals[-1]["heap"] or 0.0) + value
        elif name.startswith("dotnet.gc.collections") and "gen2" in name:
            intervals[-1]["gen2"] += value
        elif name.startswith("dotnet.gc.last_collection.memory.committed_size"):
            intervals[-1]["committed"] = value
    rows, gen2 = [], 0
    for interval in intervals:
        gen2 += interval["gen2"]
        if interval["heap"] is not None:
            rows.append((interval["t"], interval["heap"] / 1048576, int(gen2), interval["committed"] / 1048576))
    return rows

samples = [line.split() for line in open(os.path.join(work, "samples.txt"))]
lines = [f"# Soak: two desk instances, {minutes} min of mixed load", "",
         f"Commit {commit}, {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, load average at the end {load}. "
         f"`bash benchmarks/desk-soak.sh {minutes} {rate} {read_rate}`: signed webhooks at {rate}/s over all OAs and 50,000 citizens, "
         f"officers reading at {read_rate} pages/s (inbox, search, case page, statistics). RSS from /proc (VmRSS); GC heap = "
         "sum of dotnet.gc.last_collection.heap.size over the generations, GC committed = dotnet.gc.last_collection.memory.committed_size, and gen-2 GCs counted from the first sample "
         "(dotnet-counters, System.Runtime meter, 60 s interval; the gcdump after the warm-up forces one); requests = the "
         "hosting log's \"Request finished\" lines since start-up; PG = the instance's PostgreSQL connections.", ""]
for i, port in enumerate(ports):
    gc = counters(port)
    lines += [f"## Instance {port}", "", "| minute | RSS MB | GC heap MB | GC committed MB | gen-2 GCs | requests served | PG connections |", "|---:|---:|---:|---:|---:|---:|---:|"]
    for s in samples:
        minute, t = s[0], float(s[1])
        rss, served, conns = s[2 + 3 * i: 5 + 3 * i]
        # The counters interval nearest the sample (they are both a minute apart).
        seen = sorted((g for g in gc if abs(g[0] - t) <= 35), key=lambda g: abs(g[0] - t))[:1]
        heap, gen2, committed = (f"{seen[-1][1]:.1f}", str(seen[-1][2]), f"{seen[-1][3]:.0f}") if seen else ("n/a", "n/a", "n/a")
        lines.append(f"| {minute} | {rss} | {heap} | {committed} | {gen2} | {served} | {conns} |")
    lines.append("")
for name in ("webhooks", "reads"):
    text = open(os.path.join(work, f"{name}.txt")).read().strip()
    lines += [f"Load, {name}: {text}", ""]
def heap_by_type(label, port):
    """A gcdump report summed by type (the report splits a type by object size): {type: (bytes, count)}."""
    path = os.path.join(work, f"{label}-{port}.txt")
    types = {}
    if not os.path.exists(path):
        return types
    for line in open(path):
        m = re.match(r"\s*([\d,]+)\s+([\d,]+)\s+(.+?)(?:\s+\(Bytes > [^)]*\))?\s+\[[^\]]*\]\s*$", line)
        if m:
            # The report's first column is the size of one object (of that size class), the second the count.
            size, count = int(m.group(1).replace(",", "")), int(m.group(2).replace(",", ""))
            old = types.get(m.group(3), (0, 0))
            types[m.group(3)] = (old[0] + size * count, old[1] + count)
    return types

for port in ports:
    start, end = heap_by_type("start", port), heap_by_type("end", port)
    if not start or not end:
        continue
    def total(label):
        head = open(os.path.join(work, f"{label}-{port}.txt")).readline().split()
        return f"{int(head[0].replace(',', '')) / 1048576:.1f}" if head else "?"
    lines += [f"gcdump of {port} after the warm-up and at the end (each after a full GC): {total('start')} MB → {total('end')} MB live objects; the types that grew most:", "",
              "| type | MB after warm-up | MB at the end | objects after warm-up | objects at the end |", "|---|---:|---:|---:|---:|"]
    grew = sorted(end, key=lambda k: end[k][0] - start.get(k, (0, 0))[0], reverse=True)[:12]
    for name in grew:
        a, b = start.get(name, (0, 0)), end[name]
        lines.append(f"| `{name}` | {a[0] / 1048576:.2f} | {b[0] / 1048576:.2f} | {a[1]:,} | {b[1]:,} |")
    lines.append("")
open(out, "w").write("\n".join(lines))
print("\n".join(lines))
PY
grep -hE "^(fail|crit)" "$work"/desk-*.log | sort | uniq -c | head -5 || true
echo "Results: $out"
exit
}
