namespace Scout.Core.Model;

/// <summary>Image metadata as collected from the registry / image config (DESIGN.md section 4).</summary>
public sealed record ImageMetadata
{
    public required string Digest { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public IReadOnlyList<string> ExposedPorts { get; init; } = [];
    public IReadOnlyList<EnvVar> Env { get; init; } = [];
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    /// <summary>Layer digests, base layer first.</summary>
    public IReadOnlyList<string> Layers { get; init; } = [];
    public string? Architecture { get; init; }
    public ImageOs? Os { get; init; }
    public RegistryInfo? Registry { get; init; }
}

public sealed record EnvVar(string Name, string Value);

public sealed record ImageOs(string? Type, string? Version);

public sealed record RegistryInfo(string? Url, string? Type);

/// <summary>Runtime environment metadata: where an image runs (DESIGN.md section 4 and 3.5).</summary>
public sealed record EnvironmentRecord
{
    public required string Namespace { get; init; }
    public required string WorkloadName { get; init; }
    public required string WorkloadType { get; init; }
    public required string ImageDigest { get; init; }
    public DateTimeOffset SeenAt { get; init; }
}
