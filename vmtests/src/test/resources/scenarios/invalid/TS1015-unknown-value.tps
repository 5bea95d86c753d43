policy "../policies/setuid-root-signal.yaml"

scenario "values the language does not know" {
  mode enforcing
  arch amd46
  requires kernel < 6.1
  requires kernl >= 5.10
  step "s" { run "/bin/true" expect exit 0 }
}
