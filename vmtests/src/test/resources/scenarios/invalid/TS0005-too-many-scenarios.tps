# tps-test: --max-scenarios 2
policy "../policies/setuid-root-signal.yaml"
scenario "one" { step "s" { run "/bin/true" expect exit 0 } }
scenario "two" { step "s" { run "/bin/true" expect exit 0 } }
scenario "three" { step "s" { run "/bin/true" expect exit 0 } }
