policy "../policies/setuid-root-signal.yaml"

scenario "a misspelt keyword" {
  stpe "s" { run "/bin/true" expect exit 0 }
}
