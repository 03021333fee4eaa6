#!/usr/bin/php
<?php
// Oracle: composer/semver (Debian php-composer-semver): VersionParser::normalize, then Constraint's
// versionCompare, i.e. version_compare on the normalized strings. A string normalize rejects is invalid; so is a
// dev-* branch, which Composer never orders. stdin a<TAB>b -> a<TAB>b<TAB>R.
require_once '/usr/share/php/Composer/Semver/autoload.php';
use Composer\Semver\VersionParser;

$parser = new VersionParser();
function norm($parser, $v) {
    try { $n = $parser->normalize($v); } catch (\Exception $e) { return null; }
    return strpos($n, 'dev-') === 0 ? null : $n;
}
while (($line = fgets(STDIN)) !== false) {
    $line = rtrim($line, "\n");
    [$a, $b] = explode("\t", $line, 2);
    $na = norm($parser, $a);
    $nb = norm($parser, $b);
    $r = ($na === null || $nb === null) ? 'invalid' : (string) version_compare($na, $nb);
    echo "$a\t$b\t$r\n";
}
