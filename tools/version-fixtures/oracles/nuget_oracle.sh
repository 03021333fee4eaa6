#!/bin/bash
# Oracle: NuGet.Versioning (from NuGet) in a throwaway console built under /tmp on first use.
set -e
here=$(cd "$(dirname "$0")" && pwd)
out=/tmp/scout-nuget-oracle
if [ ! -f "$out/NuGetOracle.dll" ]; then
  mkdir -p /tmp/scout-nuget-oracle-src && cp "$here/nuget/NuGetOracle.csproj" "$here/nuget/Program.cs" /tmp/scout-nuget-oracle-src/
  # Build outside the repository so its Directory.Build.props / central packages do not apply.
  (cd /tmp/scout-nuget-oracle-src && dotnet build -c Release -o "$out" -v q --nologo >&2)
fi
exec dotnet "$out/NuGetOracle.dll"
