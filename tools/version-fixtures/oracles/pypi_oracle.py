#!/usr/bin/python3
"""Oracle: python packaging (Debian python3-packaging). stdin a<TAB>b lines -> a<TAB>b<TAB>R."""
import sys
from packaging.version import Version, InvalidVersion

def parse(s):
    try:
        return Version(s)
    except InvalidVersion:
        return None

for line in sys.stdin:
    a, b = line.rstrip("\n").split("\t")
    va, vb = parse(a), parse(b)
    r = "invalid" if va is None or vb is None else str((va > vb) - (va < vb))
    print(f"{a}\t{b}\t{r}")
