policy "../policies/setuid-root-signal.json"

scenario "a policy file of another kind" {
  step "s" { run "/bin/true" expect exit 0 }
}
