policy "../policies/setuid-root-signal.yaml"

scenario "strings that are not what they must be" {
  step "s" {
    run "/usr/bin/printf" "\q" "a\x4" "/etc/\xff"
    expect exit 0
  }
  step "t" {
    call openat(AT_FDCWD, "/etc/host\0name", O_RDONLY, 0)
    expect exit 0
  }
}
