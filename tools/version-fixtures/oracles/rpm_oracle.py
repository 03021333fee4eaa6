#!/usr/bin/python3
"""Oracle: rpm.labelCompare (Debian python3-rpm). A version string is split as Scout does it: epoch before
the first ':' (default "0"), release after the last '-' of the rest (None when absent). Empty or blank-holding
strings are not RPM versions (the split is not defined for them): invalid."""
import sys
import rpm

def evr(s):
    if s.strip() == "" or any(c.isspace() for c in s.strip()):
        return None
    s = s.strip()
    epoch = "0"
    if ":" in s:
        epoch, s = s.split(":", 1)
    release = None
    if "-" in s:
        s, release = s.rsplit("-", 1)
    return (epoch, s, release)

for line in sys.stdin:
    a, b = line.rstrip("\n").split("\t")
    ea, eb = evr(a), evr(b)
    try:
        r = "invalid" if ea is None or eb is None else str(rpm.labelCompare(ea, eb))
    except ValueError:  # rpmverNew refused a field ("invalid version")
        r = "invalid"

    print(f"{a}\t{b}\t{r}")
