using System.Text.Json;

namespace Scout.Core.Api;

// Read-only resources the dashboard pages need (DESIGN.md section 8, Dashboard). Wire names are camelCase.

/// <summary>GET /v1/environments: every workload linked to one of the tenant's stored images, with that image's counts.</summary>
public sealed record EnvironmentListView(IReadOnlyList<WorkloadView> Workloads);

public sealed record WorkloadView(
    string Namespace, string WorkloadName, string WorkloadType, DateTimeOffset SeenAt, string ImageDigest, RegistryView Registry,
    IReadOnlyDictionary<string, int> FindingCounts);

/// <summary>GET /v1/trend: the tenant's daily snapshots, oldest first.</summary>
public sealed record TrendView(IReadOnlyList<TrendDayView> Days, int RetentionDays);

public sealed record TrendDayView(string Day, int Images, IReadOnlyDictionary<string, int> Counts, DateTimeOffset RecordedAt);

/// <summary>GET /v1/advisories/{id}/images: the stored advisory records for the id (and the aliases given) and the
/// tenant's images with a finding for any of them.</summary>
public sealed record AdvisoryImagesView(string Id, IReadOnlyList<JsonElement> Advisories, IReadOnlyList<AdvisoryImageView> Images);

public sealed record AdvisoryImageView(
    string Digest, RegistryView Registry, string FindingId, string? Purl, string? InstalledVersion, string Severity, string FixState,
    bool Suppressed);
