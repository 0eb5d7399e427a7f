#!/usr/bin/env bash
# Runs the benchmarks. Short mode (default) takes minutes and is for a quick look; full mode uses
# BenchmarkDotNet's default accuracy. Results land in BenchmarkDotNet.Artifacts/results/.
#   bash benchmarks/run.sh            # short
#   bash benchmarks/run.sh full       # full
#   bash benchmarks/run.sh short '*Token*'   # a subset
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-short}"
filter="${2:-*}"
args=(--filter "$filter" --memory --exporters github)
if [ "$mode" = "short" ]; then
  args+=(--job short)
fi
dotnet run -c Release --project benchmarks/ZaloOA.Sdk.Benchmarks -- "${args[@]}"
