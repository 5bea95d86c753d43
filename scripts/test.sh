#!/usr/bin/env bash
# The project's test command (README, .ci/run): installs what the build and the tests need on a
# fresh Debian machine, then runs the whole Maven build with its tests.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Java and Maven build tpc; make, clang and llvm(-strip) build the BPF templates; gcc and libc6-dev
# (kernel UAPI headers come with it) build the static workload helper of vmtests and the native
# checks of the tests; bpftool, qemu, busybox, zstd, xz and cpio serve the kernel tests; apt (with
# debian-archive-keyring) fetches the Debian kernels of the matrix through a private configuration
# (docs/kernel-matrix.md).
packages=(openjdk-17-jdk-headless maven make gcc libc6-dev clang llvm libbpf-dev libbpf1 bpftool
          qemu-system-x86 busybox-static zstd xz-utils cpio debian-archive-keyring)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "test.sh: installing ${missing[*]}" >&2
  sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
fi

# A skip of a test that needs root, BPF or the Debian kernels is a failure here, not a quiet pass
# (docs/testing.md); the upstream corpus is required wherever it sits beside the clone.
require=root,bpf,kernels
if [[ -d ../shared/corpus ]]; then require+=",shared"
else echo "test.sh: ../shared/corpus is absent: the corpus and schema tests will skip" >&2; fi
mvn -B -ntp verify -Dtpc.require="$require" "$@"
scripts/main-job-without-toolchain.sh
# the example scenarios on this host's kernel, then on Debian's four kernels in qemu guests
# (kernels are fetched into ~/.cache/tpc/kernels on the first run); reports under target/
mkdir -p target
status=0
bin/tpc test examples/scenarios --keep-going -o target/scenarios-host.txt || status=$?
cat target/scenarios-host.txt 2>/dev/null || true
bin/tpc vmtest examples/scenarios --kernels 5.10,6.1,6.12,7.2 -o target/scenarios-matrix.txt || status=$?
cat target/scenarios-matrix.txt 2>/dev/null || true
exit "$status"

