scenario "no policy, no step" {
}

scenario "a step without a workload" {
  policy "../policies/setuid-root-signal.yaml"
  step "s" { expect exit 0 }
}
