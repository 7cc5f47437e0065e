#!/usr/bin/env bash
# Latency check of the double opt-in email, open loop: sign-ups are posted to the sample at a FIXED RATE (each POST has
# a scheduled send time; latency counts from it, not from when the request actually went out, so a stalled client or
# server cannot hide its own delay), an in-process SMTP server (the SmtpServer package) on 127.0.0.1 timestamps each
# acceptance, and tests/load/Latency prints, per rate, p50, p99 and max from scheduled POST to SMTP-accepted, plus the
# posts that failed, the emails lost and the emails accepted twice (correlated by recipient address). The sample runs
# on a fresh SQLite file with its SMTP sender pointed at that server. Exit status 1 if any email is lost or doubled.
# Targets on a 2-core machine: p99 < 100 ms at 100/s; p99 < 1 s at 500/s; none lost or doubled.
#   usage: tests/load/latency.sh [KEY=VALUE ...]   (each passed to the sample as an environment variable)
#   e.g.   tests/load/latency.sh OptinForms__Jobs__WakeOnCommit=false OptinForms__Jobs__MaxConcurrency=1   (the old worker)
#   RATES (default 100,500 sign-ups/s), DURATION (seconds per rate, default 20), DRAIN (seconds to wait for the last
#   emails, default 60); SAMPLE_DIR runs another checkout's sample (built here in Release).
set -euo pipefail
cd "$(dirname "$0")/../.."
RATES=${RATES:-100,500}
DURATION=${DURATION:-20}
DRAIN=${DRAIN:-60}
SAMPLE_DIR=${SAMPLE_DIR:-samples/LandingPage}
echo "== building (Release)"
dotnet build "$SAMPLE_DIR" -c Release -nologo -v q >/dev/null
dotnet build tests/load/Latency -c Release -nologo -v q >/dev/null
echo "== $(nproc) cores; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
exec dotnet tests/load/Latency/bin/Release/net10.0/Latency.dll "$SAMPLE_DIR" "$RATES" "$DURATION" "$DRAIN" "$@"
