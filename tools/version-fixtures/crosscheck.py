#!/usr/bin/python3
"""Fuzz Scout's comparators against the native oracles: random strings from each ecosystem's vocabulary,
answered by the oracle and by `scout versions compare`; prints every disagreement. Not part of the tests.

usage: crosscheck.py SCOUT_EXE SCHEME [COUNT] [SEED]
"""
import random, subprocess, sys, os

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import generate  # noqa: E402

VOCAB = {
    "dpkg": ("deb", ["a", "z", "A", "~", "+", "deb", "ubuntu", "1:", ".", "-", "~~", "0", "00"]),
    "rpm": ("rpm", ["a", "el", "~", "^", "git", "1:", ".", "-", "_", "+", "0", "00", "Z"]),
    "apk": ("apk", ["a", "z", "_alpha", "_beta", "_pre", "_rc", "_p", "_git", "_cvs", "_hg", "-r", ".", "0", "00", "_"]),
    "pypi": ("pypi", ["a", "b", "rc", "c", "alpha", "post", "dev", "pre", "+", "!", "r", ".", "-", "_", "v", "0", "00", "L"]),
    "npm": ("npm", ["alpha", "beta", "x", "-", ".", "+", "v", "0", "00", " ", "="]),
    "cargo": ("cargo", ["alpha", "beta", "x", "-", ".", "+", "0", "00"]),
    "hex": ("hex", ["alpha", "beta", "x", "-", ".", "+", "0", "00"]),
    "go": ("golang", ["alpha", "beta", "incompatible", "-", ".", "+", "v", "0", "00", "20200101000000"]),
    "maven": ("maven", ["alpha", "a", "beta", "b", "m", "rc", "cr", "snapshot", "ga", "final", "release", "sp", "foo",
                        "RELEASE", ".", "-", "_", "0", "00"]),
    "nuget": ("nuget", ["alpha", "beta", "BETA", "rc", "-", ".", "+", "0", "00", "x"]),
    "rubygems": ("gem", ["a", "b", "pre", "rc", "Z", ".", "-", "0", "00", " "]),
    "composer": ("composer", ["alpha", "a", "beta", "b", "RC", "rc", "patch", "pl", "p", "dev", "stable", "v", "x", ".",
                              "-", "_", "+", "0", "00", "@dev", "*"]),
}

def random_version(rng, words):
    parts = [str(rng.randint(0, 12))]
    for _ in range(rng.randint(0, 6)):
        parts.append(rng.choice(words) if rng.random() < 0.6 else str(rng.randint(0, 12)))
    return "".join(parts)

def main():
    exe, scheme = sys.argv[1], sys.argv[2]
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 5000
    rng = random.Random(sys.argv[4] if len(sys.argv) > 4 else "crosscheck")
    ecosystem, words = VOCAB[scheme]
    pool = [v for v in {random_version(rng, words) for _ in range(count)} if v.strip()]
    pairs = [(rng.choice(pool), rng.choice(pool)) for _ in range(count)]
    native = generate.ask(generate.SCHEMES[scheme][3], pairs)
    stdin = "".join(f"{a}\t{b}\n" for a, b in pairs)
    ours = subprocess.run([exe, "versions", "compare", "--ecosystem", ecosystem], input=stdin,
                          capture_output=True, text=True, check=True).stdout.splitlines()
    bad = [(n, o) for n, o in zip(native, ours) if n != o]
    for n, o in bad[:40]:
        print(f"native {n!r}  scout {o.rsplit(chr(9), 1)[-1]}")
    print(f"{scheme}: {len(bad)} of {len(pairs)} disagree", file=sys.stderr)
    sys.exit(1 if bad else 0)

if __name__ == "__main__":
    main()
