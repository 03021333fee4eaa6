#!/usr/bin/python3
"""Generate tests/Scout.Versions.Tests/Fixtures/<scheme>.txt by asking each ecosystem's own tool.

Inputs: real version strings harvested from ../shared/testdata/osv (range events and `versions` lists of the
scheme's ecosystems) and ../shared/testdata/versions (vector files), plus generated variations of them.
Pairs are drawn deterministically (fixed seed) from that pool: random pairs, pairs of a string and one of its
variations, neighbours in sorted order, "a<TAB>a" lines that record whether the tool accepts a string at all,
and the vector-file pairs the native tool answers differently from the file.
Each oracle (oracles/) reads "a<TAB>b" lines and writes "a<TAB>b<TAB>R", R in -1, 0, 1, invalid.

usage: generate.py [--testdata DIR] [--out DIR] SCHEME...   (see SCHEMES below; README.md lists the tools)
"""
import argparse, glob, json, os, random, re, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
ORACLES = os.path.join(HERE, "oracles")
PAIRS = 2400
POOL_SAMPLE = 900
SEED = 4

def oracle(*cmd):
    return [os.path.join(ORACLES, cmd[0]), *cmd[1:]]

# scheme -> (OSV ecosystems, vector files under testdata/versions, variation suffixes/prefixes, oracle command)
SCHEMES = {
    "dpkg": (["Debian", "Ubuntu"], ["osv-scalibr/debian-versions*.txt", "univers/deb_version_python_pkg_test.json"],
             {"suffix": ["~rc1", "~", "+deb12u1", "-1", "-0ubuntu1", ".0", "+b1", "a", "-1~bpo1", "+dfsg-2", "~~", "-", ":", " 1", "_1", "%"],
              "prefix": ["1:", "0:", "2:", "a:", "-1:", ":", "99999999999:"]}, oracle("dpkg_oracle.sh")),
    "rpm": (["Red Hat", "AlmaLinux", "Rocky Linux", "SUSE", "openSUSE", "Mageia", "openEuler", "Azure Linux", "Photon OS"],
            ["osv-scalibr/redhat-versions.txt", "rpm/rpmvercmp-vectors.txt"],
            {"suffix": ["~rc1", "^git1", "-1", ".el9", ".el9_2", "a", "-1.1", "~", "^", "_1", ".0"],
             "prefix": ["1:", "0:"]}, oracle("rpm_oracle.py")),
    "apk": (["Alpine", "Wolfi", "Chainguard", "Alpaquita", "MinimOS", "BellSoft Hardened Containers"],
            ["osv-scalibr/alpine-versions*.txt", "apk-tools/version.data", "vers-spec/tests/alpine_version_cmp_test.json"],
            {"suffix": ["_alpha1", "_beta", "_pre2", "_rc1", "_p2", "-r1", "-r0", "a", "_git20200101", ".01", "_cvs", "_hg1", ".0", "_svn2"],
             "prefix": []}, oracle("apk_oracle")),
    "pypi": (["PyPI"], ["osv-scalibr/pypi-versions*.txt"],
             {"suffix": ["a1", "b2", "rc1", ".post1", ".dev0", "+local.1", "-1", "alpha", "-preview2", ".RC1", "_post", "+ubuntu-1", ".0", "c1"],
              "prefix": ["v", "1!", "V"]}, oracle("pypi_oracle.py")),
    "npm": (["npm"], ["osv-scalibr/semver-versions.txt"],
            {"suffix": ["-alpha.1", "+build.5", "-0", "-rc.1", "-beta", ".0", "-01", "-alpha.beta", "+001", "-x.7.z.92"],
             "prefix": ["v", "=", " "]}, oracle("npm_oracle.js")),
    "maven": (["Maven"], ["osv-scalibr/maven-versions*.txt", "vers-spec/tests/maven_version_cmp_test.json"],
              {"suffix": ["-SNAPSHOT", "-alpha-1", ".RELEASE", "-sp1", ".Final", "-rc1", "-cr1", "-M1", "-ga", "-1", ".0", "a1", "-b2",
                          "-jre", "-android", ".v20200101", "-final", "--1", "..1", "_1", "-beta.2", "-xyz"],
               "prefix": ["v", "-", "."]}, oracle("maven_oracle.sh")),
    "nuget": (["NuGet"], ["osv-scalibr/nuget-versions.txt", "vers-spec/tests/nuget_version_cmp_test.json"],
              {"suffix": ["-beta", "-BETA", ".0", "+meta", ".1", "-rc.1", "-alpha.2", "-01", "-", "+", "-beta+x", ".0.0.0", "-a.b"],
               "prefix": ["v", " ", "0"]}, oracle("nuget_oracle.sh")),
    "rubygems": (["RubyGems"], ["osv-scalibr/rubygems-versions*.txt"],
                 {"suffix": [".pre", ".rc1", "-1", ".a", ".0", ".beta.2", "-x", "b", ".pre.1", " ", "..1", "_1"],
                  "prefix": [" ", "v", "."]}, oracle("gem_oracle.rb")),
    "composer": (["Packagist"], ["osv-scalibr/packagist-versions*.txt", "osv.dev/packagist_test_cases.txt"],
                 {"suffix": ["-beta1", "-RC2", "-dev", ".x-dev", "-patch1", "p1", "-alpha", "-stable", "+build", "@dev", "rc",
                             "-beta.1", ".0", "-pl2", "b", ".*-dev", "-beta-dev"],
                  "prefix": ["v", "V", "dev-"]}, oracle("composer_oracle.php")),
    "npm": (["npm"], ["osv-scalibr/semver-versions.txt"],
            {"suffix": ["-alpha.1", "+build.5", "-0", "-rc.1", "-beta", ".0", "-01", "-alpha.beta", "+001", "-x.7.z.92", " "],
             "prefix": ["v", "=", " ", "V"]}, oracle("npm_oracle.sh")),
    "cargo": (["crates.io"], ["osv-scalibr/semver-versions.txt"],
              {"suffix": ["-alpha.1", "+build.5", "-0", "-rc.1", "-beta", ".0", "-01", "+001", "+0", "+00", "-x.7.z.92", "+a.1"],
               "prefix": ["v", "0"]}, oracle("cargo_oracle.sh")),
    "go": (["Go"], ["osv-scalibr/semver-versions.txt"],
           {"suffix": ["+incompatible", "-0.20200101000000-abcdefabcdef", "-pre.0.20210101000000-0123456789ab", "-rc.1", ".0",
                       "-01", "+meta", "-beta"],
            "prefix": ["v", "V", "v0"]}, oracle("go_oracle.sh")),
    "hex": (["Hex"], ["osv-scalibr/semver-versions.txt"],
            {"suffix": ["-alpha.1", "+build.5", "-0", "-rc.1", "-beta", ".0", "-01", "+001", "-a.01", "-x.7.z.92", "+a.1"],
             "prefix": ["v", "0", " "]}, oracle("hex_oracle.sh")),
}

def testdata_dir(args):
    return args.testdata or os.environ.get("SCOUT_TESTDATA") or os.path.normpath(os.path.join(REPO, "..", "shared", "testdata"))

def harvest_osv(root, ecosystems):
    found = []
    for path in glob.glob(os.path.join(root, "osv", "**", "*.json"), recursive=True):
        if "/_" in path:
            continue
        try:
            record = json.load(open(path, encoding="utf-8"))
        except (ValueError, UnicodeDecodeError):
            continue
        if not isinstance(record, dict) or not isinstance(record.get("affected"), list):
            continue
        for affected in record["affected"]:
            if not isinstance(affected, dict):
                continue
            eco = ((affected.get("package") or {}).get("ecosystem") or "").split(":")[0]
            if eco not in ecosystems:
                continue
            listed = affected.get("versions")
            found.extend(v for v in (listed if isinstance(listed, list) else []) if isinstance(v, str))
            ranges = affected.get("ranges")
            for rng in ranges if isinstance(ranges, list) else []:
                if not isinstance(rng, dict) or rng.get("type") == "GIT" or not isinstance(rng.get("events"), list):
                    continue
                for event in rng["events"]:
                    for value in (event.values() if isinstance(event, dict) else []):
                        if isinstance(value, str) and value not in ("0", "*"):
                            found.append(value)
    return found

def harvest_vectors(root, patterns):
    """(a, b, expected) from the vector files: "a op b" lines and rpmvercmp's "a b result" lines."""
    found = []
    for pattern in patterns:
        for path in sorted(glob.glob(os.path.join(root, "versions", pattern))):
            if path.endswith(".json"):
                found.extend(vers_test_pairs(path))
                continue
            for line in open(path, encoding="utf-8"):
                line = re.split(r"(?:^|\s)#", line, maxsplit=1)[0].strip()
                if not line or line.startswith("//"):
                    continue
                parts = line.split()
                if len(parts) == 3 and parts[1] in ("<", "=", ">"):
                    found.append((parts[0], parts[2], {"<": "-1", "=": "0", ">": "1"}[parts[1]]))
                elif len(parts) == 3 and re.fullmatch(r"-?[01]", parts[2]):
                    found.append((parts[0], parts[1], parts[2]))
    return found

def vers_test_pairs(path):
    """vers-spec / univers test files: "comparison" lists sorted ascending, "equality" true pairs."""
    doc = json.load(open(path, encoding="utf-8"))
    tests = doc.get("tests", []) if isinstance(doc, dict) else doc
    pairs = []
    for test in tests:
        versions = (test.get("input") or {}).get("versions") or []
        expected = test.get("expected_output")
        if test.get("test_type") == "comparison" and isinstance(expected, list):
            pairs += [(x, y, "-1") for x, y in zip(expected, expected[1:])]
        elif test.get("test_type") == "equality" and expected is True and len(versions) == 2:
            pairs.append((versions[0], versions[1], "0"))
    return pairs

def variations(rng, version, shapes):
    out = []
    m = list(re.finditer(r"\d+", version))
    if m:
        d = rng.choice(m)
        n = int(d.group())
        out.append(version[:d.start()] + str(n + 1) + version[d.end():])
        out.append(version[:d.start()] + "0" + d.group() + version[d.end():])
        if n > 0:
            out.append(version[:d.start()] + str(n - 1) + version[d.end():])
    for s in rng.sample(shapes["suffix"], min(3, len(shapes["suffix"]))):
        out.append(version + s)
    for p in shapes["prefix"]:
        if rng.random() < 0.3:
            out.append(p + version)
    if rng.random() < 0.2:
        out.append(version.upper())
    if rng.random() < 0.1 and "." in version:
        out.append(version.rsplit(".", 1)[0])
    return out

def ask(command, pairs):
    stdin = "".join(f"{a}\t{b}\n" for a, b in pairs)
    result = subprocess.run(command, input=stdin, capture_output=True, text=True, check=True)
    answers = result.stdout.splitlines()
    if len(answers) != len(pairs):
        sys.exit(f"{command[0]}: oracle answered {len(answers)} lines for {len(pairs)}")
    return answers

def vector_disagreements(command, vectors):
    """Vector lines whose source (another tool, an older or newer release, a lenient parser) the native tool
    answers differently: the fixture records the native answer so tests can tell a known difference of source
    from a bug of ours."""
    pairs = sorted({(a, b) for a, b, _ in vectors})
    native = {(a, b): answer.split("\t")[2] for (a, b), answer in zip(pairs, ask(command, pairs))}
    return sorted({(a, b) for a, b, expected in vectors if native[(a, b)] != expected})

def build_lines(rng, osv_versions, vector_versions, vector_differences, shapes):
    real = sorted(set(osv_versions) | set(vector_versions))
    variants = {}
    for v in real:
        variants[v] = variations(rng, v, shapes)
    # Blank strings are not versions to Scout (several tools read them as "0"); tabs and newlines break the format.
    pool = sorted({x for x in set(real) | {x for vs in variants.values() for x in vs}
                   if x.strip() and "\t" not in x and "\n" not in x and "\r" not in x})
    real = [v for v in real if v in pool]
    lines = []
    # The vector lines the native tool answers differently, then validity of a sample of strings.
    lines.extend(vector_differences)
    for v in rng.sample(pool, min(POOL_SAMPLE, len(pool))):
        lines.append((v, v))
    for _ in range(PAIRS // 2):
        lines.append((rng.choice(pool), rng.choice(pool)))
    for _ in range(PAIRS // 2):
        v = rng.choice(real)
        lines.append((v, rng.choice(variants[v] or [v])))
    # Neighbours in plain sorted order share prefixes: the hard cases.
    for i in rng.sample(range(len(real) - 1), min(PAIRS // 2, max(0, len(real) - 1))):
        lines.append((real[i], real[i + 1]))
    seen, unique = set(), []
    for pair in lines:
        if pair not in seen:
            seen.add(pair)
            unique.append(pair)
    return unique

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--testdata")
    ap.add_argument("--out", default=os.path.join(REPO, "tests", "Scout.Versions.Tests", "Fixtures"))
    ap.add_argument("schemes", nargs="+")
    args = ap.parse_args()
    root = testdata_dir(args)
    os.makedirs(args.out, exist_ok=True)
    for scheme in args.schemes:
        ecosystems, patterns, shapes, command = SCHEMES[scheme]
        rng = random.Random(f"{SEED}:{scheme}")
        osv_versions = harvest_osv(root, set(ecosystems))
        vectors = harvest_vectors(root, patterns)
        vector_versions = [v for a, b, _ in vectors for v in (a, b)]
        lines = build_lines(rng, osv_versions, vector_versions, vector_disagreements(command, vectors), shapes)
        answers = ask(command, lines)
        tool = " ".join(os.path.basename(c) for c in command)
        with open(os.path.join(args.out, f"{scheme}.txt"), "w", encoding="utf-8") as f:
            f.write(f"# {scheme}: a<TAB>b<TAB>R as answered by the ecosystem's own tool via tools/version-fixtures/oracles/{tool}\n")
            f.write(f"# generated by tools/version-fixtures/generate.py {scheme} from {len(set(osv_versions))} OSV and {len(set(vector_versions))} vector strings; do not edit\n")
            for answer in answers:
                f.write(answer + "\n")
        print(f"{scheme}: {len(answers)} lines", file=sys.stderr)

if __name__ == "__main__":
    main()
