policy "../policies/setuid-root-signal.yaml"

scenario "a condition without its value" {
  step "s" {
    run "/bin/true"
    expect event process_kprobe { function_name == }
  }
}
