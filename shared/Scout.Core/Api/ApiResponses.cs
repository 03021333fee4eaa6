using Scout.Core.Model;

namespace Scout.Core.Api;

// The HTTP API's response bodies as named records, so the source-generated JSON context can describe them (Native AOT
// has no reflection serializer). Property names are the wire names of DESIGN.md section 5 after camelCase.

public sealed record ErrorBody(string Error, string Detail);

public sealed record HealthView(string Status);

public sealed record UploadAccepted(string UploadId, string Status, bool Created);

public sealed record UploadStatusView(
    string UploadId, string Status, string? Reason, string ImageDigest, string SbomSha256,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string? Image);

public sealed record RegistryView(string? Url, string? Type);

public sealed record OsView(string? Type, string? Version);

public sealed record SbomOsView(string? Id, string? Version);

public sealed record SbomView(string Format, string? SpecVersion, string Sha256, SbomOsView Os, int TotalPackages);

public sealed record EnvVarView(string Name, string Value);

public sealed record EnvironmentView(string Namespace, string WorkloadName, string WorkloadType, DateTimeOffset SeenAt);

/// <summary>GET /v1/images/{digest}: every field present, nulls written.</summary>
public sealed record ImageDetailView(
    string Digest, DateTimeOffset? CreatedAt, IReadOnlyList<string> ExposedPorts, IReadOnlyList<EnvVarView> Env,
    IReadOnlyDictionary<string, string> Labels, IReadOnlyList<string> Layers, string? Architecture, OsView Os,
    RegistryView Registry, SbomView Sbom, int PackageCount, IReadOnlyDictionary<string, int> FindingCounts,
    IReadOnlyList<EnvironmentView> Environments, IReadOnlyList<SbomWarning> Warnings, DateTimeOffset AnalyzedAt);

public sealed record ImageSummaryView(
    string Digest, DateTimeOffset? CreatedAt, RegistryView Registry, int PackageCount,
    IReadOnlyDictionary<string, int> FindingCounts, DateTimeOffset AnalyzedAt)
{
    /// <summary>The image's OS as uploaded (the dashboard's image table filters on it).</summary>
    public OsView? Os { get; init; }
}

public sealed record ImageListView(IReadOnlyList<ImageSummaryView> Images, string? NextPageToken);

public sealed record PackagePage(IReadOnlyList<PackageRecord> Packages, int Total, string? NextPageToken);

public sealed record FindingPage(IReadOnlyList<Finding> Findings, int Total, string? NextPageToken);

/// <summary>POST /v1/analyze/local: what the purls and layer digests match; nothing is stored.</summary>
public sealed record LocalAnalysisView(IReadOnlyList<PackageRecord> Packages, IReadOnlyList<Finding> Findings, IReadOnlyList<SbomWarning> Warnings);

public sealed record VexAttached(string DocumentId, string Format, string Findings);

public sealed record EnvironmentLinked(string Namespace, string WorkloadName, string WorkloadType, string ImageDigest, bool ImageKnown);
