// A duplicate key in one of two policies: the build fails, and the log shows the finding as
// [ERROR] path:line:col: error[code]: message, then the verdicts and a summary in the failure.
def log = new File(basedir, 'build.log').text

assert log.contains('[ERROR] src/main/tetragon/duplicate-key.yaml:9:5: error[TP0006]: key "syscall" is already defined in this mapping')
assert log.contains('[INFO] src/main/tetragon/duplicate-key.yaml: TracingPolicy "duplicate-key": rejected on 5.10, 6.1, 6.12, 7.2')
assert log.contains('[INFO] src/main/tetragon/good.yaml: TracingPolicy "good": accepted on 5.10, 6.1, 6.12, 7.2')
assert log.contains('tpc check found 1 error, 0 warnings, 0 notes for 5.10, 6.1, 6.12, 7.2 on x86_64')
assert log.contains('BUILD FAILURE')
// one finding, logged once, and no stack trace
assert log.count('error[TP0006]') == 1
assert !(log =~ /(?m)^\s+at [a-z]/)

// the reports are written before the build fails, so CI can publish them
def sarif = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/tpc/tpc-check.sarif'))
def results = sarif.runs[0].results
assert results.size() == 1
assert results[0].ruleId == 'TP0006'
assert results[0].locations[0].physicalLocation.artifactLocation.uri == 'src/main/tetragon/duplicate-key.yaml'
assert results[0].locations[0].physicalLocation.region.startLine == 9
assert results[0].locations[0].physicalLocation.region.startColumn == 5

def junit = new groovy.xml.XmlSlurper().parse(new File(basedir, 'target/tpc/TEST-tpc-check.xml'))
assert junit.@failures.text() == '4'
return true
