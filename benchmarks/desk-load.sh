#!/usr/bin/env bash
# Two desk instances (PostgreSQL + Redis, Zalo mode with a benchmark OA secret; Zalo's hosts pointed at a
# closed loopback port, so acknowledgements fail fast and nothing leaves the machine) on a generated
# database, signed webhooks spread over all its OAs and citizens at a fixed rate, then the
# stored-message count (0 lost, 0 duplicated), and the CPU seconds each party used during the load
# (each desk instance, the load generator, PostgreSQL, Redis), to tell the desk's share from the rest.
#   bash benchmarks/desk-load.sh "<PostgreSQL connection string>" <redis host:port> [rate] [seconds]
# Each instance's connection pool is capped (POOL, default 40): two instances at Npgsql's default 100
# exceed PostgreSQL's default max_connections of 100 under a burst ("53300: too many clients").
# Uses the Release builds of the desk and benchmarks/ZaloOA.PoliceDesk.Load (DESK_DLL/LOAD_DLL override).
set -euo pipefail
cd "$(dirname "$0")/.."
pg="$1"; redis="$2"; rate="${3:-50}"; seconds="${4:-60}"
desk="${DESK_DLL:-samples/ZaloOA.PoliceDesk/bin/Release/net10.0/ZaloOA.PoliceDesk.dll}"
load="${LOAD_DLL:-benchmarks/ZaloOA.PoliceDesk.Load/bin/Release/net10.0/ZaloOA.PoliceDesk.Load.dll}"
field() { printf '%s' "$pg" | tr ';' '\n' | grep -i "^$1=" | head -1 | cut -d= -f2-; }
export PGHOST="$(field Host)" PGPORT="$(field Port)" PGUSER="$(field Username)" PGPASSWORD="$(field Password)" PGDATABASE="$(field Database)"
app_id=1000000000000000001
secret="bench-oa-secret-$RANDOM$RANDOM"
work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; [ -n "${KEEP_LOGS:-}" ] && cp "$work"/desk-*.log /tmp/ ; rm -rf "$work"; }
trap cleanup EXIT
for port in 5181 5182; do
  ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" \
    Storage__Provider=PostgreSQL Storage__ConnectionString="$pg;Maximum Pool Size=${POOL:-40}" Redis__Configuration="$redis" \
    Zalo__AppId=$app_id Zalo__SecretKey="bench-secret-$RANDOM$RANDOM" Zalo__OaSecretKey="$secret" \
    Desk__CaseNumberPrefix=VN \
    Zalo__ApiBaseUrl=http://127.0.0.1:9/ Zalo__OAuthBaseUrl=http://127.0.0.1:9/ Zalo__BusinessApiBaseUrl=http://127.0.0.1:9/ Logging__LogLevel__Default=Warning \
    dotnet "$desk" >"$work/desk-$port.log" 2>&1 &
  pids+=($!)
done
for port in 5181 5182; do
  for _ in $(seq 1 900); do curl -fs -o /dev/null "http://127.0.0.1:$port/Account/Login" && break; sleep 0.2; done
done
psql -Atc 'SELECT "ZaloOaId" FROM "Units" WHERE "ZaloOaId" IS NOT NULL ORDER BY "Id"' >"$work/oas.txt"
# A service that has run for a while has its code compiled to the optimised tier and its pools
# filled; WARMUP seconds at 20/s (default 15; 0 for a cold start) come first and are not counted.
if [ "${WARMUP:-15}" -gt 0 ]; then
  dotnet "$load" --url http://127.0.0.1:5181/zalo/webhook,http://127.0.0.1:5182/zalo/webhook \
    --rate 20 --seconds "${WARMUP:-15}" --max 2000 --app-id $app_id --oa-secret "$secret" \
    --oa-id "$(head -1 "$work/oas.txt")" --oa-ids-file "$work/oas.txt" --citizens 50000 > "$work/warmup.txt" || true
  sleep 2
fi
before=$(psql -Atc 'SELECT count(*) FROM "Messages"')
load_before=$(psql -Atc "SELECT count(*) FROM \"Messages\" WHERE \"ZaloMsgId\" LIKE 'load-%'")
# CPU seconds (user + system) of the processes whose command name matches, from /proc.
cpu_of() { local total=0 pid; for pid in "$@"; do [ -r "/proc/$pid/stat" ] && total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat"))); done; echo "$total"; }
pids_named() { pgrep -x "$1" | tr '\n' ' '; }
# PostgreSQL: this server only (other clusters on the machine are not ours), the postmaster's own time
# plus what its ended children used (cutime/cstime: backends it reaped) plus its live children.
pg_cpu() {
  local pm total child
  pm=$(head -1 "$(psql -Atc 'SHOW data_directory')/postmaster.pid" 2>/dev/null) || { cpu_of $(pids_named postgres); return; }
  total=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$pm/stat")
  for child in $(pgrep -P "$pm"); do [ -r "/proc/$child/stat" ] && total=$((total + $(awk '{print $14 + $15}' "/proc/$child/stat"))); done
  echo "$total"
}
redis_pid=$(redis-cli -h "${redis%:*}" -p "${redis##*:}" INFO server 2>/dev/null | tr -d '\r' | awk -F: '/^process_id:/ {print $2}')
[ -n "$redis_pid" ] || redis_pid=$(pids_named redis-server)
# Transactions committed or rolled back in this database (both instances' and the workers').
xacts() { psql -Atc "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()"; }
tick=$(getconf CLK_TCK)
desk_a0=$(cpu_of "${pids[0]}"); desk_b0=$(cpu_of "${pids[1]}"); pg0=$(pg_cpu); x0=$(xacts); redis0=$(cpu_of $redis_pid)
run="r$(date +%s)"
dotnet "$load" --url http://127.0.0.1:5181/zalo/webhook,http://127.0.0.1:5182/zalo/webhook \
  --rate "$rate" --seconds "$seconds" --max 20000 --app-id $app_id --oa-secret "$secret" \
  --oa-id "$(head -1 "$work/oas.txt")" --oa-ids-file "$work/oas.txt" --citizens 50000 | tee "$work/load.txt" || true
sleep 2
desk_a1=$(cpu_of "${pids[0]}"); desk_b1=$(cpu_of "${pids[1]}"); pg1=$(pg_cpu); x1=$(xacts); redis1=$(cpu_of $redis_pid)
secs() { awk -v t="$1" -v k="$tick" 'BEGIN { printf "%.1f", t / k }'; }
echo "CPU during the load (s): desk 5181 $(secs $((desk_a1 - desk_a0))), desk 5182 $(secs $((desk_b1 - desk_b0))), PostgreSQL $(secs $((pg1 - pg0))) (this server, ended backends included), Redis $(secs $((redis1 - redis0))); load generator: see its line above"
stored=$(psql -Atc "SELECT count(*) FROM \"Messages\" WHERE \"ZaloMsgId\" LIKE 'load-%' AND \"Id\" > 0" )
distinct=$(psql -Atc "SELECT count(DISTINCT \"ZaloMsgId\") FROM \"Messages\" WHERE \"ZaloMsgId\" LIKE 'load-%'")
after=$(psql -Atc 'SELECT count(*) FROM "Messages"')
echo "messages stored in this run: $((after - before)); load messages in the database: $stored ($distinct distinct)"
# Per 1,000 events stored in the measured run (the citizens' messages, not the acknowledgements): what each event cost (comparable across runs on a shared machine, unlike latencies).
stored_now=$((stored - load_before))
if [ "$stored_now" -gt 0 ]; then
  awk -v a=$((desk_a1 - desk_a0)) -v b=$((desk_b1 - desk_b0)) -v p=$((pg1 - pg0)) -v k="$tick" -v n="$stored_now" -v x=$((x1 - x0)) 'BEGIN {
    printf "per 1,000 events: desk %.2f CPU-s, PostgreSQL %.2f CPU-s; %.2f transactions per event (workers included); load average %s\n", (a + b) / k * 1000 / n, p / k * 1000 / n, x / n, "'"$(cut -d' ' -f1-3 /proc/loadavg)"'" }'
fi
grep -hE "fail|crit" "$work"/desk-*.log | head -5 || true
