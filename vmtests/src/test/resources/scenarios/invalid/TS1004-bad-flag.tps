policy "../policies/setuid-root-signal.yaml"

scenario "constants of the wrong group, or unknown" {
  step "s" {
    call fd = openat(AT_FDCWD, "/etc/hostname", O_RDONLY|O_CRAET, 0)
    call lseek(fd, 0, O_RDONLY) expect errno EPREM
    expect killed SIGKIL
  }
}
