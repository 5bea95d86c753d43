policy "../policies/setuid-root-signal.yaml"

scenario "an unknown kind of event" {
  step "s" {
    run "/bin/true"
    expect event process_kprob { function_name == "__x64_sys_setuid" }
  }
}
