policy "../policies/setuid-root-signal.yaml"

scenario "a scenario without its brace"
  step "s" { run "/bin/true" expect exit 0 }
}
