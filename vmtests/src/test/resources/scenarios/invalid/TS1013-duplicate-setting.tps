policy "../policies/setuid-root-signal.yaml"

scenario "settings given twice" {
  mode enforce
  mode monitor
  setup {
    env LANG = "C"
    env LANG = "C.UTF-8"
    workdir "a"
    workdir "b"
  }
  step "s" {
    call setuid(0) expect ok expect errno EPERM
    expect exit 0
    expect killed SIGKILL
    within 1s
    within 2s
  }
}
