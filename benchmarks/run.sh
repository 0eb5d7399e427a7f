#!/usr/bin/env bash
# Runs every benchmark beside its floor, then the webhook endpoint throughput load.
#   bash benchmarks/run.sh                   # short: BenchmarkDotNet's short job (3 iterations), small load (~10 min)
#   bash benchmarks/run.sh full              # full: BenchmarkDotNet's default accuracy, bigger load (~40 min)
#   bash benchmarks/run.sh short '*Webhook*' # a subset (the endpoint load runs when the filter is '*' or names it)
# Results (GitHub markdown + CSV per class, endpoint-throughput.md) land in benchmarks/results/<mode>/;
# benchmarks/README.md holds the committed summary. Do not run two at once: they share the cores.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-short}"
filter="${2:-*}"
out="$(pwd)/benchmarks/results/$mode"
mkdir -p "$out"

# BenchmarkDotNet builds a generated project per run; on a busy 2-core machine that can take
# longer than its 2-minute default.
# The default exporters already write GitHub markdown, CSV and HTML.
args=(--filter "$filter" --memory --artifacts "$out" --buildTimeout 900)
case "$mode" in
  short) args+=(--job short); load=(--requests 5000 --clients 16 --rounds 3 --max-seconds 30) ;;
  full) load=(--requests 20000 --clients 16 --rounds 5 --max-seconds 60) ;;
  *) echo "usage: $0 [short|full] [filter]" >&2; exit 2 ;;
esac

dotnet build benchmarks/ZaloOA.Sdk.Benchmarks -c Release -p:EnableSourceLink=false -p:EnableSourceControlManagerQueries=false
dotnet run -c Release --no-build --project benchmarks/ZaloOA.Sdk.Benchmarks -- "${args[@]}"

if [ "$filter" = "*" ] || [[ "endpoint" == $filter ]] || [[ "EndpointThroughput" == $filter ]]; then
  dotnet run -c Release --no-build --project benchmarks/ZaloOA.Sdk.Benchmarks -- endpoint "${load[@]}" --out "$out/endpoint-throughput.md"
fi

echo "Results: $out/results/*-report-github.md and $out/endpoint-throughput.md"
