policy "../policies/setuid-root-signal.yaml"

scenario "malformed and out-of-range numbers" {
  requires kernel >= 6.99999
  setup {
    file "x" mode 0o17777
  }
  step "s" {
    call lseek(3, 09, 0x)
    expect exit 256
    within 0s
  }
}
