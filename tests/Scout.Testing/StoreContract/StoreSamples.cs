using Scout.Core.Model;

namespace Scout.Testing.StoreContract;

/// <summary>Builders for store records with every field set, so a round trip proves every field is kept.</summary>
public static class StoreSamples
{
    public static string NewTenantId() => "t-" + Guid.NewGuid().ToString("N")[..12];

    public static string NewDigest() => "sha256:" + Convert.ToHexString(Guid.NewGuid().ToByteArray()).ToLowerInvariant()
        + Convert.ToHexString(Guid.NewGuid().ToByteArray()).ToLowerInvariant();

    public static DateTimeOffset At(int minutes = 0) => new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero).AddMinutes(minutes);

    public static ImageMetadata Image(string digest) => new()
    {
        Digest = digest,
        CreatedAt = At(-600),
        ExposedPorts = ["80/tcp", "443/tcp"],
        Env = [new EnvVar("PATH", "/usr/local/sbin:/usr/local/bin"), new EnvVar("NGINX_VERSION", "1.25.3")],
        Labels = new Dictionary<string, string> { ["maintainer"] = "NGINX Docker Maintainers", ["org.opencontainers.image.source"] = "https://example.invalid/nginx" },
        Layers = ["sha256:" + new string('a', 64), "sha256:" + new string('b', 64)],
        Architecture = "amd64",
        Os = new ImageOs("linux", "12"),
        Registry = new RegistryInfo("docker.io/library/nginx", "dockerhub"),
    };

    public static PackageRecord Package(int i, string? ecosystemHint = null) => new()
    {
        Purl = $"pkg:deb/debian/libexample{i}@1.{i}.0-1?arch=amd64&distro=debian-12",
        Type = "deb",
        Namespace = "debian",
        Name = $"libexample{i}",
        Version = $"1.{i}.0-1",
        Licenses = ["MIT", "Apache-2.0"],
        LicenseExpression = "MIT OR Apache-2.0",
        Author = "Debian Maintainers <maint@example.invalid>",
        Description = $"example library {i} " + ecosystemHint,
        Size = 1024 * i,
        FilePaths = [$"/usr/lib/x86_64-linux-gnu/libexample{i}.so.1", $"/usr/share/doc/libexample{i}/copyright"],
        DependencyType = i % 2 == 0 ? DependencyType.Direct : DependencyType.Transitive,
        SourcePackage = $"example{i}",
    };

    public static Finding Vulnerability(string id, string purl, string severity = Severities.High) => new()
    {
        Id = id,
        Aliases = [id.Replace("CVE", "DEBIAN-CVE")],
        Kind = FindingKinds.Vulnerability,
        Purl = purl,
        InstalledVersion = "1.0.0-1",
        AffectedRanges = ["<1.0.0-2"],
        FixedVersions = ["1.0.0-2"],
        FixState = FixStates.Fixed,
        Severity = severity,
        Cvss = new CvssScore("3.1", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8),
        Source = "Debian Security Tracker",
        AdvisoryModified = At(-60),
        Snapshot = "snap-1",
        MatchType = "source-package",
    };

    public static Finding Secret(string name) => new()
    {
        Id = "aws-access-key-id",
        Kind = FindingKinds.Secret,
        Severity = Severities.Critical,
        Location = "env",
        Name = name,
        Rule = "aws-access-key-id",
    };

    public static ImageAnalysis Analysis(string tenantId, string digest, int packages = 3, IReadOnlyList<Finding>? findings = null,
        IReadOnlyList<PackageKey>? keys = null) => new()
    {
        TenantId = tenantId,
        Image = Image(digest),
        SbomSha256 = new string('c', 64),
        SbomFormat = "cyclonedx",
        SbomSpecVersion = "1.5",
        SbomOs = new OsRelease("debian", "12"),
        TotalPackages = packages,
        Packages = Enumerable.Range(0, packages).Select(i => Package(i)).ToList(),
        Findings = findings ?? [Vulnerability("CVE-2024-0001", Package(0).Purl!), Secret("AWS_ACCESS_KEY_ID")],
        IndexKeys = keys ?? Enumerable.Range(0, packages).Select(i => new PackageKey("Debian:12", $"example{i}")).ToList(),
        Warnings = [new SbomWarning("components[7]", "component without purl")],
        AnalyzedAt = At(),
    };

    public static UploadRecord Upload(string tenantId, string uploadId, string digest) => new()
    {
        TenantId = tenantId, UploadId = uploadId, ImageDigest = digest, SbomSha256 = new string('d', 64),
        Status = UploadStatuses.Queued, CreatedAt = At(), UpdatedAt = At(),
    };

    public static StoredAdvisory Advisory(string id, DateTimeOffset modified, params PackageKey[] keys) => new()
    {
        Id = id, Modified = modified, Json = $$"""{"id":"{{id}}","modified":"{{modified:O}}"}""", Keys = keys, Source = "test-feed",
    };
}
