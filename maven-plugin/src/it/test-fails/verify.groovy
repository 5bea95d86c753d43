// Build 1: the scenario with the wrong expectation fails the build, which names it; the failure is
// logged with the expectation, what came instead and the events; the JUnit XML in
// target/surefire-reports has it as a failure and the other scenario (run although the first
// failed) as passed. Where BPF programs cannot be loaded, build 1 fails instead because
// -Dtpc.failIfCannotRun is set, with the reason. Build 2 (-DskipTests) skips the goal. Build 3: a
// misspelt keyword fails the build with the finding, root or not, and nothing runs.
def cannotRun = evaluate(new File(bpfHost))
def log = new File(basedir, 'build.log').text
def builds = log.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert builds.size() == 3

def first = builds[0]
def junitFile = new File(basedir, 'target/surefire-reports/TEST-tpc-scenarios.xml')
assert first.contains('BUILD FAILURE')
if (cannotRun == null) {
    assert first.contains('[ERROR] failed  src/test/tetragon/opens.tps: opening /etc/hostname is reported')
    assert first.contains('[INFO] passed  src/test/tetragon/opens.tps: opening /etc/shadow is reported')
    assert first.contains('[INFO]     FAIL expect event process_tracepoint { args[0].string_arg == "/etc/hostname" }  (line 9)')
    assert first.contains('[INFO]     events of the step (')
    assert first.contains('[ERROR]   src/test/tetragon/opens.tps: opening /etc/hostname is reported: step "cat reads /etc/hostname": '
            + 'expect event process_tracepoint { args[0].string_arg == "/etc/hostname" } (line 9): no process_tracepoint event')
    assert first.contains('tpc:test: 1 of 2 scenarios failed: src/test/tetragon/opens.tps: "opening /etc/hostname is reported". '
            + 'The failed expectations are logged above and written to ')

    def junit = new groovy.xml.XmlSlurper().parse(junitFile)
    assert junit.@tests.text() == '2'
    assert junit.@failures.text() == '1'
    assert junit.@errors.text() == '0'
    def cases = junit.testsuite.testcase
    assert cases.collect { it.@classname.text() + ': ' + it.@name.text() } == [
            'src/test/tetragon/opens.tps: opening /etc/hostname is reported',
            'src/test/tetragon/opens.tps: opening /etc/shadow is reported']
    assert cases[0].failure.@message.text().contains('args[0].string_arg == "/etc/hostname"')
    assert cases[1].failure.size() == 0 && cases[1].skipped.size() == 0 && cases[1].error.size() == 0
    assert new File(basedir, 'target/surefire-reports/tpc-scenarios.txt').text.contains('summary: 1 passed, 1 failed, 0 skipped, 0 errors')
} else {
    assert first.contains(cannotRun)
    assert first.contains('The build fails because <failIfCannotRun> is true.')
    assert !junitFile.exists()
}

def second = builds[1]
assert second.contains('[INFO] tpc:test skipped (skipTests)')
assert second.contains('BUILD SUCCESS')

def third = builds[2]
assert third.contains('[ERROR] error[TS0001]: expected one of ')
assert third.contains('[ERROR]  --> src/test/broken/typo.tps:6:5')
assert third.contains('[ERROR]   = hint: did you mean "expect"?')
assert third.contains('tpc:test: 1 scenario file has errors, logged above (src/test/broken/typo.tps); no scenario was run')
assert third.contains('BUILD FAILURE')
assert !third.contains('tpc:test needs') // the finding comes first, root or not

// no stack trace without -e
assert !(log =~ /(?m)^\s+at [a-z]/)
return true
