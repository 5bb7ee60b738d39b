#!/usr/bin/env bash
# Runs the benchmarks of this module 10 times and prints, per benchmark, the
# median ns/op, B/op and allocs/op and the ratio of each library's median
# ns/op to shopspring's, as markdown tables (see RESULTS.md).
#
# Usage: ./run.sh [raw-output-file]
# The raw `go test` output is kept in the given file (default: a temporary
# file, removed on exit). BENCH_COUNT overrides -count for a quick check.
set -euo pipefail

cd "$(dirname "$0")"

count="${BENCH_COUNT:-10}"
raw="${1:-}"
if [[ -z "$raw" ]]; then
	raw="$(mktemp)"
	trap 'rm -f "$raw"' EXIT
fi

cmd=(go test -run '^$' -bench . -benchmem -count "$count")

echo "command: (cd bench && ${cmd[*]})"
echo "go: $(go version)"
echo "GOARCH: $(go env GOARCH)"
echo "CPU: $(grep -m1 '^model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//' || echo unknown)"
echo "cores: $(nproc 2>/dev/null || echo unknown)"
echo

"${cmd[@]}" | tee "$raw" >&2
go run ./internal/median <"$raw"
