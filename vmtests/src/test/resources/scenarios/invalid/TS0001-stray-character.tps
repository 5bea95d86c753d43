policy "../policies/setuid-root-signal.yaml"

scenario "a stray character" {
  step "s" { run "/bin/true"; expect exit 0 }
}
