#!/bin/sh
# Compiles the test BPF programs (*.bpf.c next to this script) into $1.
# Without clang or the libbpf headers it prints why and compiles nothing: the tests that need the
# objects then skip with that reason.
set -eu
out=$1
here=$(dirname "$0")
mkdir -p "$out"
if ! command -v clang >/dev/null 2>&1; then
  echo "[bpf test objects] clang not found: BPF tests will skip" > "$out/SKIPPED"; cat "$out/SKIPPED"; exit 0
fi
if [ ! -f /usr/include/bpf/bpf_helpers.h ]; then
  echo "[bpf test objects] /usr/include/bpf/bpf_helpers.h missing (Debian: libbpf-dev): BPF tests will skip" > "$out/SKIPPED"; cat "$out/SKIPPED"; exit 0
fi
multiarch=$( (gcc -print-multiarch 2>/dev/null) || echo "$(uname -m)-linux-gnu")
case "$(uname -m)" in x86_64) arch=x86 ;; aarch64) arch=arm64 ;; *) arch=$(uname -m) ;; esac
rm -f "$out/SKIPPED"
for src in "$here"/*.bpf.c; do
  obj="$out/$(basename "$src" .c).o"
  clang -O2 -g -Wall -Werror -target bpf -D__TARGET_ARCH_$arch -I"/usr/include/$multiarch" -c "$src" -o "$obj"
done
