#!/usr/bin/env bash
# CI step (scripts/test.sh): the README's main job works on a fresh checkout of this tree where no C
# toolchain, no BPF tool and no privilege is available. The tree (tracked and untracked files, as
# `git status` sees them, without build output) is copied to a temporary directory; PATH is replaced
# by one that holds every command of the machine except make, the C compilers, LLVM and bpftool; the
# command runs as root without any capability when setpriv is there. Then:
#   1. the README's main-job command, taken from the README itself, builds tpc and succeeds, printing
#      the check summary, and writes one bundle per example policy;
#   2. a verb that needs the BPF toolchain (tpc run) says what to install, without a stack trace;
#   3. without Maven, and without Java, bin/tpc says what to install, without a stack trace.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/tpc-main-job.XXXXXX")"
trap '[[ -n "${TPC_KEEP_WORK:-}" ]] || rm -rf "$work"' EXIT

say() { echo "main-job-without-toolchain: $*" >&2; }
die() { say "FAILED: $*"; exit 1; }

# the main job, exactly as the README writes it
command="$(sed -n 's/^\(bin\/tpc check examples\/policies && .*\)$/\1/p' "$repo/README.md" | head -n 1)"
[[ -n "$command" ]] || die "README.md has no main-job line starting with 'bin/tpc check examples/policies &&'"

# a fresh copy of the tree
mkdir "$work/tpc"
(cd "$repo" && git ls-files -z --cached --others --exclude-standard --deduplicate \
    | while IFS= read -r -d '' f; do [[ -e "$f" ]] && printf '%s\0' "$f"; done \
    | tar --null -T - -cf -) | tar -xf - -C "$work/tpc"

# PATH without the toolchain
hidden='^(make|gmake|cc|c89|c99|c\+\+|cpp.*|gcc.*|g\+\+.*|.*-linux-gnu-.*|clang.*|llvm.*|llc|lld.*|ld\.lld|bpftool)$'
shim="$work/path"
mkdir "$shim"
IFS=: read -r -a dirs <<<"$PATH"
for d in "${dirs[@]}"; do
  [[ -d "$d" ]] || continue
  for f in "$d"/*; do
    name="${f##*/}"
    [[ -x "$f" && ! -d "$f" && ! -e "$shim/$name" ]] || continue
    [[ "$name" =~ $hidden ]] && continue
    ln -s "$f" "$shim/$name"
  done
done
for t in clang llvm-strip make gcc cc bpftool; do
  [[ ! -e "$shim/$t" ]] || die "$t is still on the test PATH"
done

unprivileged=()
if command -v setpriv >/dev/null 2>&1 && [[ $(id -u) -eq 0 ]]; then
  unprivileged=(setpriv --bounding-set=-all --inh-caps=-all --)
fi

# run LOG PATH COMMAND: the command in the copy, with that PATH and a minimal environment; its status
run() {
  local log="$1" path="$2"; shift 2
  (cd "$work/tpc" && env -i HOME="$HOME" PATH="$path" LANG=C.UTF-8 ${unprivileged[@]+"${unprivileged[@]}"} bash -c "$*") \
      >"$log" 2>&1 && return 0 || return $?
}

no_stack_trace() {
  ! grep -qE '^\s+at [a-zA-Z_$][a-zA-Z0-9_$.]*\(|Exception in thread|^Caused by: ' "$1" \
      || { cat "$1" >&2; die "$2 printed a stack trace"; }
}

say "running the README's main job without a C toolchain: $command"
status=0
run "$work/main.log" "$shim" "$command" || status=$?
no_stack_trace "$work/main.log" "the main job"
((status == 0)) || { cat "$work/main.log" >&2; die "the main job exited $status"; }
grep -qE '^tpc [^ ]+ \(models Tetragon CRD schema [0-9.]+\): checked [0-9]+ files .*: 0 errors' "$work/main.log" \
    || { cat "$work/main.log" >&2; die "no check summary in the main job's output"; }
policies=$(find "$work/tpc/examples/policies" -name '*.yaml' | wc -l)
bundles=$(find "$work/tpc/target/bundles" -name '*.tpb' | wc -l)
((bundles == policies)) || die "$bundles bundles for $policies example policies"
grep -E 'checked [0-9]+ files' "$work/main.log" | head -n 1 >&2

say "a verb that needs the BPF toolchain says what to install"
status=0
run "$work/run.log" "$shim" "bin/tpc run examples/policies/write-to-stdout.yaml --duration 1s" || status=$?
no_stack_trace "$work/run.log" "tpc run"
((status == 2)) && grep -q 'sudo apt-get install make clang llvm libbpf-dev' "$work/run.log" \
    || { cat "$work/run.log" >&2; die "tpc run without clang exited $status without naming what to install"; }

say "without Maven, a build says what to install"
no_mvn="$work/path-no-mvn"
mkdir "$no_mvn"
for f in "$shim"/*; do [[ "${f##*/}" == mvn ]] || ln -s "$(readlink "$f")" "$no_mvn/${f##*/}"; done
rm -f "$work/tpc/cli/target/.tpc-built"
status=0
run "$work/no-mvn.log" "$no_mvn" "bin/tpc check examples/policies" || status=$?
no_stack_trace "$work/no-mvn.log" "bin/tpc without Maven"
((status == 2)) && grep -q 'sudo apt-get install maven' "$work/no-mvn.log" \
    || { cat "$work/no-mvn.log" >&2; die "bin/tpc without Maven exited $status without naming what to install"; }

say "without Java, bin/tpc says what to install"
no_java="$work/path-no-java"
mkdir "$no_java"
for f in "$no_mvn"/*; do [[ "${f##*/}" =~ ^(java|javac)$ ]] || ln -s "$(readlink "$f")" "$no_java/${f##*/}"; done
status=0
run "$work/no-java.log" "$no_java" "bin/tpc check examples/policies" || status=$?
((status == 2)) && grep -q 'openjdk-17-jdk-headless' "$work/no-java.log" \
    || { cat "$work/no-java.log" >&2; die "bin/tpc without Java exited $status without naming what to install"; }

say "ok"
