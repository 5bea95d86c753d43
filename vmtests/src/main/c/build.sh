#!/bin/sh
# Builds the workload helper (tpc_workload.c and program.c next to this script) into
# $1/tpc-workload.<arch>: statically linked, so that it runs on any kernel with nothing else
# installed (qemu guests included), and reproducibly (no build id, no paths of this machine).
# Without gcc or a static C library the build fails and says what to install.
set -eu
out=$1
here=$(cd "$(dirname "$0")" && pwd)
arch=$(uname -m)
cc=${CC:-gcc}
if ! command -v "$cc" >/dev/null 2>&1; then
  echo "[tpc-workload] no C compiler ($cc): install gcc and libc6-dev (Debian: apt-get install gcc libc6-dev)" >&2
  exit 1
fi
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The flags that make the bytes depend on the sources and the toolchain only.
flags="-static -O2 -Wall -Wextra -Wno-unused-parameter -Werror -std=gnu11 -ffile-prefix-map=$here=. \
  -fno-ident -Wl,--build-id=none -s"
if ! "$cc" $flags -o "$tmp/tpc-workload" "$here/tpc_workload.c" "$here/program.c" 2> "$tmp/log"; then
  cat "$tmp/log" >&2
  if grep -q -e "cannot find -lc" -e "No such file" -e "stdio.h" "$tmp/log"; then
    echo "[tpc-workload] the static build failed: install the C library's development files (Debian: apt-get install libc6-dev)" >&2
  else
    echo "[tpc-workload] the static build failed (see above)" >&2
  fi
  exit 1
fi
# Only replace the resource when it changed, so that an unchanged build leaves it untouched.
if ! cmp -s "$tmp/tpc-workload" "$out/tpc-workload.$arch" 2>/dev/null; then
  cp "$tmp/tpc-workload" "$out/tpc-workload.$arch"
fi
