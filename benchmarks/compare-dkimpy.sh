#!/usr/bin/env bash
# DKIM verifications per second of dkimpy vs EmailAuth on the peer tests' generated messages (signed by dkimpy,
# keys on one local knotd). Needs knotd and /usr/bin/python3 with python3-dkim, python3-dnspython, python3-nacl;
# opendkim-tools adds two opendkim-signed messages when installed.
# Usage: benchmarks/compare-dkimpy.sh [timed passes over the messages, default 20]
set -euo pipefail
cd "$(dirname "$0")/.."
exec dotnet run -c Release --project benchmarks/EmailAuth.Benchmarks -- compare-dkimpy "${1:-20}"
