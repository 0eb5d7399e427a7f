#!/usr/bin/env bash
# The desk at a province's or the country's size (issue 18), from empty PostgreSQL and Redis:
# generates the data (benchmarks/ZaloOA.PoliceDesk.DataGen), measures the inbox, case page and
# statistics queries, and one instance's start-up against the full database.
#   bash benchmarks/scale.sh            # scale 1: 1,000,000 cases (~10 min to generate on the shared 2-core machine)
#   bash benchmarks/scale.sh 0.1        # 10 %
# Starts throwaway servers with .ci/services.sh unless ZALOOA_POSTGRES and ZALOOA_REDIS are set.
# The table lands in benchmarks/results/scale/<scale>.md; benchmarks/README.md ("Scale") holds the summary.
set -euo pipefail
cd "$(dirname "$0")/.."
scale="${1:-1}"
repeat="${REPEAT:-5}"
out="benchmarks/results/scale"
mkdir -p "$out"
if [ -z "${ZALOOA_POSTGRES:-}" ] || [ -z "${ZALOOA_REDIS:-}" ]; then
  # shellcheck source=/dev/null
  source .ci/services.sh
  start_services
  trap stop_services EXIT
fi
database="scale_$(date +%s)"
pg="${ZALOOA_POSTGRES/Database=zalooa_test/Database=$database}"

dotnet build benchmarks/ZaloOA.PoliceDesk.DataGen -c Release
dotnet build samples/ZaloOA.PoliceDesk -c Release
gen=benchmarks/ZaloOA.PoliceDesk.DataGen/bin/Release/net10.0/ZaloOA.PoliceDesk.DataGen.dll
# A fixed "now" makes the data identical on every run (seeded); dates are three years before it.
dotnet "$gen" generate --postgres "$pg" --redis "$ZALOOA_REDIS" --scale "$scale" --now "${NOW:-2026-11-29T00:00:00Z}" | tee "$out/$scale-generate.txt"
dotnet "$gen" measure --postgres "$pg" --repeat "$repeat" --now "${NOW:-2026-11-29T00:00:00Z}" --out "$out/$scale.md"
bash benchmarks/desk-startup.sh "$pg" "$ZALOOA_REDIS" | tee "$out/$scale-startup.txt"
{ echo; echo "Commit $(git rev-parse --short HEAD), $(date -u '+%Y-%m-%d %H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg)"; } >> "$out/$scale.md"
echo "Results: $out/$scale.md"
