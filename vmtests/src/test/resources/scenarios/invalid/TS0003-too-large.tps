# tps-test: --max-bytes 64
policy "../policies/setuid-root-signal.yaml"
scenario "this file is longer than the 64 bytes its test allows" { }
