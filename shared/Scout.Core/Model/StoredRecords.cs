namespace Scout.Core.Model;

/// <summary>A tenant and its API key. Only a salted hash of the key's secret is kept.</summary>
public sealed record TenantRecord(string TenantId, string Name, string KeyId, string KeySalt, string KeyHash, DateTimeOffset CreatedAt);

public static class UploadStatuses
{
    public const string Queued = "queued";
    public const string Analyzing = "analyzing";
    public const string Done = "done";
    public const string Failed = "failed";
}

/// <summary>An accepted upload. The id is derived from (tenant, image digest, SBOM sha256) so re-uploads are idempotent.</summary>
public sealed record UploadRecord
{
    public required string TenantId { get; init; }
    public required string UploadId { get; init; }
    public required string ImageDigest { get; init; }
    public required string SbomSha256 { get; init; }
    public required string Status { get; init; }
    public string? Reason { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>Advisory coordinates a stored package is indexed under: what an advisory refresh looks images up by.</summary>
public sealed record PackageKey(string Ecosystem, string Name);

/// <summary>Everything the queue analysis produced for one image, persisted as a unit.</summary>
public sealed record ImageAnalysis
{
    public required string TenantId { get; init; }
    public required ImageMetadata Image { get; init; }
    public required string SbomSha256 { get; init; }
    public required string SbomFormat { get; init; }
    public string? SbomSpecVersion { get; init; }
    public OsRelease? SbomOs { get; init; }
    public int TotalPackages { get; init; }
    public IReadOnlyList<PackageRecord> Packages { get; init; } = [];
    public IReadOnlyList<Finding> Findings { get; init; } = [];
    public IReadOnlyList<PackageKey> IndexKeys { get; init; } = [];
    public IReadOnlyList<SbomWarning> Warnings { get; init; } = [];
    public DateTimeOffset AnalyzedAt { get; init; }
}

/// <summary>A stored image as the API returns it (without packages and findings, which are paged resources).</summary>
public sealed record StoredImage
{
    public required string TenantId { get; init; }
    public required ImageMetadata Image { get; init; }
    public required string SbomSha256 { get; init; }
    public required string SbomFormat { get; init; }
    public string? SbomSpecVersion { get; init; }
    public OsRelease? SbomOs { get; init; }
    public int TotalPackages { get; init; }
    public int PackageCount { get; init; }
    public IReadOnlyDictionary<string, int> FindingCounts { get; init; } = new Dictionary<string, int>();
    public IReadOnlyList<SbomWarning> Warnings { get; init; } = [];
    public DateTimeOffset AnalyzedAt { get; init; }
    /// <summary>Bumped by every write to the image; cloud stores use it for optimistic concurrency.</summary>
    public long Revision { get; init; }
}

public sealed record ImageRef(string TenantId, string Digest);

/// <summary>The change to one image's findings after a re-overlay.</summary>
public sealed record FindingDiff(IReadOnlyList<Finding> Added, IReadOnlyList<Finding> Changed, IReadOnlyList<Finding> Resolved)
{
    public bool IsEmpty => Added.Count == 0 && Changed.Count == 0 && Resolved.Count == 0;
}

/// <summary>One OSV advisory as stored: the raw record plus the keys it is indexed under.</summary>
public sealed record StoredAdvisory
{
    public required string Id { get; init; }
    public DateTimeOffset Modified { get; init; }
    public DateTimeOffset? Withdrawn { get; init; }
    /// <summary>The OSV JSON as published.</summary>
    public required string Json { get; init; }
    public IReadOnlyList<PackageKey> Keys { get; init; } = [];
    /// <summary>The feed / database the record came from: with the id, the record's identity in store and index.</summary>
    public string? Source { get; init; }

    /// <summary>The source as stores key it ("" when unknown).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string SourceKey => Source ?? "";
}

/// <summary>A VEX document attached to an image (OpenVEX or CycloneDX VEX, kept raw).</summary>
public sealed record VexDocumentRecord(string DocumentId, string Format, string Json, DateTimeOffset AttachedAt);

public sealed record Page<T>(IReadOnlyList<T> Items, string? NextPageToken);
