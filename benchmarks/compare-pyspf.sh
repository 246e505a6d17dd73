#!/usr/bin/env bash
# Evaluations per second of pyspf vs EmailAuth on the differential test's generated zones,
# served by one local knotd (needs knotd, /usr/bin/python3 with python3-spf and python3-dnspython).
# Usage: benchmarks/compare-pyspf.sh [timed passes over the query list, default 5]
set -euo pipefail
cd "$(dirname "$0")/.."
exec dotnet run -c Release --project benchmarks/EmailAuth.Benchmarks -- compare-pyspf "${1:-5}"
