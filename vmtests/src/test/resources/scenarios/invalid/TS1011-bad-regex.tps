policy "../policies/setuid-root-signal.yaml"

scenario "a pattern that is not a regular expression" {
  step "s" {
    run "/bin/true"
    expect event process_exec { process.binary matches "/usr/(s?bin/true" }
  }
}
