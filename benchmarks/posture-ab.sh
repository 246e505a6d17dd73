#!/bin/bash
# Two builds of EmailAuth timed alternately on the posture benchmark, so a change is judged against the same
# machine state (this shared machine's speed drifts by tens of percent within minutes).
#   benchmarks/posture-ab.sh --snapshot DIR      copy the current Release builds (benchmark + module) into DIR
#   benchmarks/posture-ab.sh DIR_A DIR_B [FRESH_PAIRS] [PWSH_PAIRS]
# Each pair runs A then B: a fresh `posture --selector s1` process (1,000 domains), then, for the PWSH_PAIRS,
# benchmarks/posture-pwsh.ps1 -Runs 2 (Test-EmailAuth in a new pwsh session) with that build's module.
# POSTURE_AB_DOMAINS (default 1000) and POSTURE_AB_DELAY (ms per answer, default 20) shrink a run (the tests' smoke run).
# Build first: dotnet pwsh ./build.ps1 -Task Build; dotnet build -c Release benchmarks/EmailAuth.Benchmarks
set -euo pipefail
domains=${POSTURE_AB_DOMAINS:-1000}; delay=${POSTURE_AB_DELAY:-20}
root=$(cd "$(dirname "$0")/.." && pwd)
if [ "${1:-}" = --snapshot ]; then
  dir=${2:?directory}
  rm -rf "$dir" && mkdir -p "$dir"
  cp -r "$root/benchmarks/EmailAuth.Benchmarks/bin/Release/net10.0" "$dir/bench"
  cp -r "$root/out/EmailAuth" "$dir/module"
  echo "snapshot in $dir"
  exit 0
fi
a=${1:?DIR_A}; b=${2:?DIR_B}; fresh=${3:-6}; pwshPairs=${4:-4}
cd "$root"
line() { grep -E "^total|ratio|process CPU|JIT during" | sed -E 's/ queries reached the server//; s/; bound [0-9.]+ s \(warm.*//' | tr '\n' ' '; echo; }
for i in $(seq 1 "$fresh"); do
  for d in "$a" "$b"; do
    sleep 2
    echo -n "fresh $(basename "$d") load $(cut -d' ' -f1 /proc/loadavg): "
    dotnet "$d/bench/EmailAuth.Benchmarks.dll" posture --selector s1 --domains "$domains" --delay "$delay" 2>&1 | line
  done
done
for i in $(seq 1 "$pwshPairs"); do
  for d in "$a" "$b"; do
    sleep 2
    manifest=$(find "$d/module" -name EmailAuth.psd1 | head -1)
    echo -n "pwsh $(basename "$d") load $(cut -d' ' -f1 /proc/loadavg): "
    dotnet pwsh ./benchmarks/posture-pwsh.ps1 -Runs 2 -Domains "$domains" -Delay "$delay" -ModuleManifest "$manifest" | grep '^run' | sed -E 's/; grades.*//' | tr '\n' ' '
    echo
  done
done
