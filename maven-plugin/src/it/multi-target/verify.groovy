// Targets 5.10 and 7.2: the 623-character Equal value is refused on 5.10 only, so the finding names
// that target, the verdict line shows both outcomes, and the build fails.
def log = new File(basedir, 'build.log').text

def finding = log.readLines().find { it.startsWith('[ERROR] src/main/tetragon/long-path.yaml:22:11: error[TP4013]: ') }
assert finding != null : 'no finding at the long value (22:11) in build.log'
assert finding.endsWith('[targets: 5.10]') : "the finding does not name (only) target 5.10: ${finding}"
assert log.contains('[INFO] src/main/tetragon/long-path.yaml: TracingPolicy "long-path": accepted on 7.2; rejected on 5.10')
assert log.contains('tpc check found 1 error, 0 warnings, 0 notes for 5.10, 7.2 on x86_64')

// the JUnit report has a test case per target: failed on 5.10, passed on 7.2
def junit = new groovy.xml.XmlSlurper().parse(new File(basedir, 'target/tpc/TEST-tpc-check.xml'))
def cases = junit.'**'.findAll { it.name() == 'testcase' }
assert cases.collect { it.@name.text() }.sort() == ['long-path [5.10]', 'long-path [7.2]']
assert cases.find { it.@name.text() == 'long-path [5.10]' }.failure.size() == 1
assert cases.find { it.@name.text() == 'long-path [7.2]' }.failure.size() == 0
return true
