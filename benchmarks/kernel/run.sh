#!/usr/bin/env bash
# The in-kernel benchmark of tpc run (docs/performance.md, "The in-kernel path"). Needs root,
# gcc, clang and libbpf-dev. Not part of the test run: ./benchmarks/kernel/run.sh
#
# 1. Per-syscall cost, pinned to CPU 0, of lseek(-1, 0, 0) and of openat of a missing file:
#    (i) no program, (ii) an empty program on the same tracepoint, (iii) tpc's specialised
#    template loaded by `tpc run` from a bundle of a realistic policy that does not match the call
#    (examples/policies/lseek-integer-filters.yaml, openat-sensitive-files.yaml).
# 2. Events per second through the ring buffer without loss: lseek calls that a Post policy
#    matches, at rising paced rates, with `tpc run -o json > /dev/null`; the best rate at which
#    tpc reported no lost event and printed every event.
# 3. The verifier's processed instructions (verified_insns) of each program tpc run loaded, and the
#    programs' own average run time from kernel.bpf_stats_enabled (switched on only for that pass,
#    because the statistics cost time themselves; restored at the end).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
work="$(mktemp -d /tmp/tpc-bench-XXXXXX)"
stats_was=$(sysctl -n kernel.bpf_stats_enabled)
trap 'rm -rf "$work"; sysctl -q kernel.bpf_stats_enabled="$stats_was"' EXIT
tpc="$repo/bin/tpc"
rates="${TPC_BENCH_RATES:-25000 50000 60000 70000 80000 90000 100000 150000 200000}"
seconds="${TPC_BENCH_SECONDS:-5}"
only="${TPC_BENCH_ONLY:-}"   # cost or events: run one part

gcc -O2 -Wall -Werror -o "$work/syscall_bench" "$here/syscall_bench.c" -lbpf
clang -O2 -g -target bpf -I/usr/include/"$(gcc -print-multiarch)" -c "$here/empty.bpf.c" -o "$work/empty.bpf.o"
"$tpc" --version >/dev/null   # builds tpc if needed, before anything is timed

echo "# kernel $(uname -r), $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
"$tpc" probe --name bench -o "$work/bench.yaml"

# starts `tpc run ARGS...` with stdout to $work/events and stderr to $work/err; waits for every attach line
start_tpc() {
  : > "$work/err"
  "$tpc" "$@" > "$work/events" 2> "$work/err" &
  tpc_pid=$!
  for _ in $(seq 1 600); do
    grep -q '^tpc: attached' "$work/err" && return 0
    kill -0 "$tpc_pid" 2>/dev/null || { cat "$work/err" >&2; exit 1; }
    sleep 0.1
  done
  echo "tpc run did not attach" >&2; cat "$work/err" >&2; exit 1
}
stop_tpc() {
  local java
  java=$(pgrep -P "$tpc_pid" java || echo "$tpc_pid")
  kill -TERM "$java" 2>/dev/null || true
  wait "$tpc_pid" || true
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
median() { sed -n 's/.*median_ns=\([0-9.]*\).*/\1/p'; }

if [[ "$only" != events ]]; then
echo
echo "## per-syscall cost (median ns per call, pinned to CPU 0)"
for pair in "lseek:lseek-integer-filters" "openat:openat-sensitive-files"; do
  call=${pair%%:*}; policy=${pair#*:}
  "$tpc" compile --target "$work/bench.yaml" --force -o "$work/bundles" \
    --tracepoint-format "/sys/kernel/tracing/events/syscalls/sys_enter_$call/format" \
    "$repo/examples/policies/$policy.yaml" > /dev/null
  sysctl -q kernel.bpf_stats_enabled=0
  none=$("$work/syscall_bench" cost "$call" | median)
  empty=$("$work/syscall_bench" cost "$call" --empty "$work/empty.bpf.o" | median)
  sysctl -q kernel.bpf_stats_enabled=1
  empty_run=$("$work/syscall_bench" cost "$call" --empty "$work/empty.bpf.o" --rounds 3 | sed -n 's/^empty program run_ns=\([0-9.]*\).*/\1/p')
  sysctl -q kernel.bpf_stats_enabled=0
  start_tpc run "$work/bundles/$policy.tpb" -o json
  spec=$("$work/syscall_bench" cost "$call" | median)
  sysctl -q kernel.bpf_stats_enabled=1
  "$work/syscall_bench" cost "$call" --rounds 3 > /dev/null
  "$work/syscall_bench" insns tpc_ > "$work/insns"
  sysctl -q kernel.bpf_stats_enabled=0
  stop_tpc
  echo "$call ($policy.tpb): (i) no program $none, (ii) empty program $empty, (iii) tpc $spec;" \
       "(iii)/(ii) = $(ratio "$spec" "$empty"), (iii)-(ii) = $(awk -v a="$spec" -v b="$empty" 'BEGIN { printf "%.0f", a - b }') ns"
  hook_run=$(sed -n 's/^tpc_tracepoint .*run_ns=\([0-9.]*\).*/\1/p' "$work/insns")
  echo "  program run time (bpf_stats): empty $empty_run ns, tpc_tracepoint $hook_run ns per call"
  echo "  verified_insns: $(sed 's/ run_ns=.*//; s/verified_insns=//' "$work/insns" | sort | paste -sd, | sed 's/,/, /g')"
done
fi
[[ "$only" == cost ]] && exit 0

echo
echo "## events per second through the ring buffer (tpc run -o json > /dev/null, ${seconds}s per rate)"
cat > "$work/flood.yaml" <<YAML
apiVersion: cilium.io/v1alpha1
kind: TracingPolicy
metadata:
  name: bench-flood
spec:
  tracepoints:
  - subsystem: "syscalls"
    event: "sys_enter_lseek"
    args:
    - {index: 5, type: "int"}
    - {index: 6, type: "int64"}
    - {index: 7, type: "uint32"}
    selectors:
    - matchBinaries:
      - {operator: "In", values: ["$work/syscall_bench"]}
      matchArgs:
      - {index: 7, operator: "Equal", values: ["9999"]}
YAML
"$tpc" compile --target "$work/bench.yaml" --force -o "$work/bundles" \
  --tracepoint-format /sys/kernel/tracing/events/syscalls/sys_enter_lseek/format "$work/flood.yaml" > /dev/null
best=0
for rate in $rates; do
  start_tpc run "$work/bundles/bench-flood.tpb" -o json
  made=$("$work/syscall_bench" flood --rate "$rate" --seconds "$seconds" --whence 9999)
  sleep 2   # let tpc print what is still in the ring buffer
  stop_tpc
  calls=$(echo "$made" | sed -n 's/.*calls=\([0-9]*\).*/\1/p')
  achieved=$(echo "$made" | sed -n 's/.*rate=\([0-9]*\).*/\1/p')
  printed=$(grep -c '"process_tracepoint"' "$work/events" || true)
  lost=$(sed -n 's/^tpc: \([0-9]*\) events* w.* lost.*/\1/p' "$work/err"); lost=${lost:-0}
  echo "rate $rate/s (achieved $achieved/s): $calls calls, $printed events printed, $lost lost"
  if [[ "$lost" == 0 && "$printed" == "$calls" ]]; then best=$achieved; else break; fi
done
echo "best rate without loss: $best events/s"
