# tps-test: --arch arm64
policy "../policies/setuid-root-signal.yaml"

scenario "open is not an arm64 system call" {
  step "s" {
    call open("/etc/hostname", O_RDONLY, 0) expect ok
  }
}
