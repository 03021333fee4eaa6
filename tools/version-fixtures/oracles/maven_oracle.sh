#!/bin/bash
# Oracle: Maven ComparableVersion from the installed Debian libmaven3-core-java (compiled on first use into /tmp).
set -e
here=$(cd "$(dirname "$0")" && pwd)
jar=/usr/share/java/maven-artifact-3.x.jar
out=/tmp/scout-maven-oracle
if [ ! -f "$out/MavenOracle.class" ]; then mkdir -p "$out"; javac -d "$out" -cp "$jar" "$here/maven/MavenOracle.java"; fi
exec java -cp "$out:$jar" MavenOracle
