scenario "true exits 0" {
  policy "../policies/setuid-root-signal.yaml"
  step "run true" {
    run "/usr/bin/true"
    expect exit 0
  }
}
