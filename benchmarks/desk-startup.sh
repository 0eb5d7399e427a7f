#!/usr/bin/env bash
# Starts one desk instance (Zalo mode with placeholder keys, Zalo's hosts pointed at a closed loopback
# port so nothing leaves the machine; PostgreSQL + Redis) against an existing
# database and prints the seconds until it answers /Account/Login, then stops it.
#   bash benchmarks/desk-startup.sh "<PostgreSQL connection string>" <redis host:port> [port] [desk dll]
# The desk dll defaults to the Release build (dotnet build samples/ZaloOA.PoliceDesk -c Release).
set -euo pipefail
cd "$(dirname "$0")/.."
pg="$1"; redis="$2"; port="${3:-5181}"
dll="${4:-samples/ZaloOA.PoliceDesk/bin/Release/net10.0/ZaloOA.PoliceDesk.dll}"
log="$(mktemp)"
start=$(date +%s.%N)
ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" \
  Storage__Provider=PostgreSQL Storage__ConnectionString="$pg" Redis__Configuration="$redis" \
  Zalo__AppId=1000000000000000001 Zalo__SecretKey="bench-secret-$RANDOM$RANDOM" Zalo__OaSecretKey="bench-oa-secret-$RANDOM$RANDOM" \
  Desk__CaseNumberPrefix=VN \
    Zalo__ApiBaseUrl=http://127.0.0.1:9/ Zalo__OAuthBaseUrl=http://127.0.0.1:9/ Zalo__BusinessApiBaseUrl=http://127.0.0.1:9/ \
  dotnet "$dll" >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 600); do
  if curl -fs -o /dev/null "http://127.0.0.1:$port/Account/Login"; then
    end=$(date +%s.%N)
    echo "start-up: $(echo "$end - $start" | bc) s (until /Account/Login answered 200)"
    grep -E "Now listening|fail|crit" "$log" | head -5 || true
    [ -n "${SHOW_LOG:-}" ] && cat "$log"
    exit 0
  fi
  if ! kill -0 $pid 2>/dev/null; then echo "the desk exited:"; tail -30 "$log"; exit 1; fi
  sleep 0.1
done
echo "no answer in 60 s"; tail -30 "$log"; exit 1
