def out = new File(basedir, 'target/consent-disclosure')
for (language in ['ja', 'en']) {
    for (kind in ['html', 'fragment.html', 'md']) {
        def file = new File(out, "disclosure-${language}.${kind}")
        assert file.isFile() : "missing ${file}"
    }
}
assert new File(out, 'disclosure-en.md').getText('UTF-8').contains('### Kaku Transport Co.')
assert new File(out, 'disclosure-ja.html').getText('UTF-8').contains('<h4>架空運輸株式会社</h4>')
assert new File(out, 'disclosure-en.fragment.html').getText('UTF-8').contains('AdNet &lt;Inc.&gt;')

def log = new File(basedir, 'build.log').getText('UTF-8')
// consent:check, the bound check, and the disclosure goal, which checks the policy too
assert log.count('consent-policy.yaml: valid (policy tea-shop version 2026-10, 0 warning(s))') == 3
assert log.contains('BUILD SUCCESS')
return true
