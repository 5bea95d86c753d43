policy "../policies/setuid-root-signal.yaml"

scenario "a reference to no earlier call" {
  step "s" {
    call fd = openat(AT_FDCWD, "/etc/hostname", O_RDONLY, 0)
    call read(df, buffer(16), 16)
    call close(later)
    call later = openat(AT_FDCWD, "/etc/hostname", O_RDONLY, 0)
    expect exit 0
  }
}
