#!/usr/bin/env node
// Oracle: node-semver (npm package `semver`), strict parse + compare() as npm uses them.
// Needs `semver` resolvable: setup.sh installs it under /tmp/scout-npm-oracle (NODE_PATH).
// stdin a<TAB>b -> a<TAB>b<TAB>R; R is "invalid" when semver.valid() refuses a side.
const semver = require('semver');
const lines = require('fs').readFileSync(0, 'utf8').split('\n');
const out = [];
for (const line of lines) {
  if (line === '') continue;
  const tab = line.indexOf('\t');
  const a = line.slice(0, tab), b = line.slice(tab + 1);
  let r;
  try {
    r = semver.valid(a) === null || semver.valid(b) === null ? 'invalid' : String(semver.compare(a, b));
  } catch (e) {
    r = 'invalid';
  }
  out.push(`${a}\t${b}\t${r}`);
}
process.stdout.write(out.join('\n') + (out.length ? '\n' : ''));
