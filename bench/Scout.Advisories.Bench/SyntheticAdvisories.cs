using Scout.Core.Model;

namespace Scout.Advisories.Bench;

/// <summary>OSV-shaped npm advisories for load and match figures: N advisories spread over N/5 package names.</summary>
internal static class SyntheticAdvisories
{
    public static int NameCount(int advisories) => Math.Max(1, advisories / 5);

    public static string Json(int i, int names, string modified = "2025-01-01T00:00:00Z", string? severityWord = null) =>
        $$$"""
        {"schema_version":"1.6.0","id":"SYN-{{{i}}}","modified":"{{{modified}}}","published":"2024-01-01T00:00:00Z",
         "aliases":["CVE-2099-{{{i}}}"],"summary":"synthetic advisory {{{i}}}",
         "severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:{{{(i % 2 == 0 ? "H" : "N")}}}/A:N"}],
         "affected":[{"package":{"ecosystem":"npm","name":"pkg-{{{i % names}}}","purl":"pkg:npm/pkg-{{{i % names}}}"},
           "ranges":[{"type":"SEMVER","events":[{"introduced":"0"},{"fixed":"1.{{{i % 7}}}.{{{i % 3}}}"}]}]}],
         "database_specific":{"severity":"{{{severityWord ?? "HIGH"}}}"}}
        """;

    public static StoredAdvisory Stored(int i, int names, string modified = "2025-01-01T00:00:00Z", string? severityWord = null) => new()
    {
        Id = $"SYN-{i}",
        Modified = DateTimeOffset.Parse(modified),
        Json = Json(i, names, modified, severityWord),
        Keys = [new PackageKey("npm", $"pkg-{i % names}")],
        Source = "synthetic",
    };
}
