#!/bin/sh
# Compiles the end-to-end tests' workload (tpc_tester.c next to this script) into $1, statically
# linked so that it makes no system call of its own before main(). Without a C compiler or a
# static libc it records why, and the end-to-end tests skip with that reason.
set -eu
out=$1
here=$(dirname "$0")
mkdir -p "$out"
rm -f "$out/SKIPPED"
cc=$(command -v cc || command -v gcc || true)
if [ -z "$cc" ]; then
  echo "[e2e tester] no C compiler (cc/gcc): end-to-end tests will skip" > "$out/SKIPPED"; cat "$out/SKIPPED"; exit 0
fi
if ! "$cc" -O2 -Wall -Werror -static -o "$out/tpc_tester" "$here/tpc_tester.c" 2> "$out/build.log"; then
  echo "[e2e tester] static build failed (Debian: libc6-dev): $(head -c 300 "$out/build.log")" > "$out/SKIPPED"; cat "$out/SKIPPED"; exit 0
fi
