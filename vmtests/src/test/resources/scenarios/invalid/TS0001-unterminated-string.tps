policy "../policies/setuid-root-signal.yaml"

scenario "an unterminated string" {
  step "s" { run "/bin/true expect exit 0 }
}
