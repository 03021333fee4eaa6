using System.Text.Json.Serialization;

namespace Scout.Core.Model;

/// <summary>An SBOM of any supported format reduced to canonical package records (DESIGN.md section 5).</summary>
public sealed record NormalizedSbom
{
    /// <summary>cyclonedx | spdx | syft</summary>
    public required string Format { get; init; }
    public string? SpecVersion { get; init; }
    public SbomSubject? Subject { get; init; }
    public OsRelease? Os { get; init; }
    public int TotalPackages { get; init; }
    public IReadOnlyList<PackageRecord> Packages { get; init; } = [];
    public IReadOnlyList<SbomWarning> Warnings { get; init; } = [];
}

/// <summary>What the SBOM describes (usually the image), kept apart from its packages.</summary>
public sealed record SbomSubject
{
    public string? Name { get; init; }
    public string? Version { get; init; }
    public string? Purl { get; init; }
    public string? Type { get; init; }
}

/// <summary>The distribution release, as os-release names it: id "debian", version "12".</summary>
public sealed record OsRelease(string? Id, string? Version);

public sealed record SbomWarning(string Path, string Message);

[JsonConverter(typeof(JsonStringEnumConverter<DependencyType>))]
public enum DependencyType
{
    [JsonStringEnumMemberName("unknown")] Unknown,
    [JsonStringEnumMemberName("direct")] Direct,
    [JsonStringEnumMemberName("transitive")] Transitive,
}

/// <summary>One package of an SBOM, keyed by its canonical purl (null when the SBOM gave none: flagged in warnings).</summary>
public sealed record PackageRecord
{
    public string? Purl { get; init; }
    /// <summary>purl type ("scheme"): deb, npm, maven ...</summary>
    public string? Type { get; init; }
    public string? Namespace { get; init; }
    public required string Name { get; init; }
    public string? Version { get; init; }
    public IReadOnlyList<string> Licenses { get; init; } = [];
    public string? LicenseExpression { get; init; }
    public string? Author { get; init; }
    public string? Description { get; init; }
    public long? Size { get; init; }
    public IReadOnlyList<string> FilePaths { get; init; } = [];
    public DependencyType DependencyType { get; init; }
    /// <summary>For OS packages: the source package the binary was built from (advisories are keyed on it).</summary>
    public string? SourcePackage { get; init; }
    /// <summary>The source package's version when the SBOM states it ([epoch:]version[-release], e.g. trivy's Src* properties).</summary>
    public string? SourceVersion { get; init; }
}
