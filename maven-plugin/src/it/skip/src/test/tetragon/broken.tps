scenario "broken" {
  step "x" { run "/bin/true" expcet exit 0 }
}
