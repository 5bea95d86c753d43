policy "../policies/setuid-root-signal.yaml"

scenario "an unknown kernel feature" {
  requires kprobe_mutli
  requires kprobes
  step "s" { run "/bin/true" expect exit 0 }
}
