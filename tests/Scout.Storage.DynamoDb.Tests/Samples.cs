using Scout.Core.Model;

namespace Scout.Storage.DynamoDb.Tests;

/// <summary>Synthetic records shaped like real ones: storage tests exercise sizes and keys, not analysis.</summary>
internal static class Samples
{
    public static ImageAnalysis Analysis(string tenantId, string digest, int packages, IReadOnlyList<Finding>? findings = null, int descriptionBytes = 40, int seed = 1)
    {
        var random = new Random(seed);
        var records = Enumerable.Range(0, packages).Select(i => new PackageRecord
        {
            Purl = $"pkg:npm/%40scope{i % 50}/package-{i}@1.{i % 7}.{i % 13}",
            Type = "npm", Namespace = $"@scope{i % 50}", Name = $"package-{i}", Version = $"1.{i % 7}.{i % 13}",
            Licenses = ["MIT"], Description = RandomText(random, descriptionBytes),
            FilePaths = [$"/app/node_modules/@scope{i % 50}/package-{i}/package.json"],
            DependencyType = i % 3 == 0 ? DependencyType.Direct : DependencyType.Transitive,
        }).ToList();
        return new ImageAnalysis
        {
            TenantId = tenantId,
            Image = new ImageMetadata
            {
                Digest = digest, CreatedAt = new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero),
                ExposedPorts = ["80/tcp"], Env = [new EnvVar("PATH", "/usr/bin")], Labels = new Dictionary<string, string> { ["team"] = "a" },
                Layers = ["sha256:" + new string('1', 64)], Architecture = "amd64", Os = new ImageOs("linux", "12"),
                Registry = new RegistryInfo("docker.io/library/node", "dockerhub"),
            },
            SbomSha256 = new string('a', 64), SbomFormat = "cyclonedx", SbomSpecVersion = "1.5", SbomOs = new OsRelease("debian", "12"),
            TotalPackages = packages, Packages = records,
            Findings = findings ?? [Vulnerability("GHSA-0001", "pkg:npm/%40scope0/package-0@1.0.0", Severities.High)],
            IndexKeys = records.Select(p => new PackageKey("npm", $"{p.Namespace}/{p.Name}")).ToList(),
            AnalyzedAt = new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero),
        };
    }

    public static Finding Vulnerability(string id, string purl, string severity) => new()
    {
        Id = id, Kind = FindingKinds.Vulnerability, Purl = purl, InstalledVersion = "1.0.0", Severity = severity,
        FixState = FixStates.Fixed, FixedVersions = ["1.0.1"], AffectedRanges = ["<1.0.1"], Source = "osv",
    };

    public static string Digest(int n) => "sha256:" + n.ToString("x64");

    public static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static string RandomText(Random random, int length) =>
        new(Enumerable.Range(0, length).Select(_ => (char)random.Next('a', 'z' + 1)).ToArray());
}
