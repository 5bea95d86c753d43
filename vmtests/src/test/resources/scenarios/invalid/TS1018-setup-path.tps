policy "../policies/setuid-root-signal.yaml"

scenario "setup paths outside the scratch directory" {
  setup {
    file "/etc/evil" content "x"
    file "../escape"
    copy "/usr/bin/cat" as "${scratch}/mycat"
    workdir ""
  }
  step "s" { run "/bin/true" expect exit 0 }
}
