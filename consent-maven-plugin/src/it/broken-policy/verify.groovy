def log = new File(basedir, 'build.log').getText('UTF-8')
def policy = new File(basedir, 'src/main/resources/consent-policy.yaml').path
assert log.contains("[ERROR] ${policy}:9:81: purposes[0].recipients[0]: unknown recipient 'curier'; did you mean 'courier'?")
assert log.contains('Invalid consent policy: 1 error(s) in ')
assert log.contains('BUILD FAILURE')
assert !new File(basedir, 'target/consent-disclosure').exists()
return true
