namespace Scout.Core.Model;

/// <summary>One image as the layer index files it.</summary>
public sealed record LayerIndexRecord
{
    public required string TenantId { get; init; }
    public required string Digest { get; init; }
    public bool Catalog { get; init; }
    public string? Repository { get; init; }
    public string? Tag { get; init; }
    public int LayerCount { get; init; }
    /// <summary>Chain hash of each layer prefix, shortest first; the last is the whole layer list.</summary>
    public IReadOnlyList<string> ChainHashes { get; init; } = [];
}

/// <summary>
/// The detected base of an image. <see cref="TenantId"/> is the owner of the base (the image's own tenant or a catalog),
/// null when only the image's labels name a base that is not stored.
/// </summary>
public sealed record BaseLink(string? TenantId, string Digest, string? Name, string Source, DateTimeOffset DetectedAt)
{
    public const string ByLayers = "layers";
    public const string ByLabel = "label";
}

public static class Origins
{
    public const string Base = "base";
    public const string Image = "image";
}
