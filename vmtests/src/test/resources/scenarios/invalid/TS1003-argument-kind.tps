policy "../policies/setuid-root-signal.yaml"

scenario "arguments of the wrong kind" {
  step "s" {
    call read("/etc/hostname", 64, 64)
    call kill(1, SIGKILL)
    expect exit 0
  }
}
