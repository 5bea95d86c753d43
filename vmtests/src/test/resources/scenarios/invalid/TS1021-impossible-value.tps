policy "../policies/setuid-root-signal.yaml"

scenario "values tpc never prints there" {
  step "s" {
    run "/bin/true"
    expect event process_tracepoint { action == "TRACEPOINT_ACTION_SIGKILL" }
    expect event process_exit { signal == "KILL" }
  }
}
