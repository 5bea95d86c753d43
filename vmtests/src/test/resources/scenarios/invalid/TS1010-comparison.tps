policy "../policies/setuid-root-signal.yaml"

scenario "comparisons that do not fit their field" {
  step "s" {
    run "/bin/true"
    expect event process_kprobe {
      process.pid == "42"
      process.binary > 3
      process.uid startswith "0"
      args[0] == 1
      function_name == true
    }
    expect no event process_exit count 1
  }
}
