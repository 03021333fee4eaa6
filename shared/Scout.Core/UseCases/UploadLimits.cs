namespace Scout.Core.UseCases;

/// <summary>What an upload may be. Defaults fit API Gateway (10 MB) and Lambda (6 MB) for compressed bodies.</summary>
public sealed record UploadLimits
{
    public long MaxCompressedBytes { get; init; } = 6 * 1024 * 1024;
    public long MaxDecompressedBytes { get; init; } = 32 * 1024 * 1024;
    public int MaxJsonDepth { get; init; } = 64;
    public int MaxEnvVars { get; init; } = 4096;
    public int MaxLabels { get; init; } = 4096;
    public int MaxLayers { get; init; } = 1024;
    /// <summary>POST /v1/analyze/local: purls per request, bytes per purl, warnings and findings answered.</summary>
    public int MaxLocalPurls { get; init; } = 10_000;
    public int MaxPurlBytes { get; init; } = 2048;
    public int MaxLocalWarnings { get; init; } = 1000;
    public int MaxLocalFindings { get; init; } = 100_000;
    /// <summary>VEX documents attached to one image, and bytes per document.</summary>
    public int MaxVexDocuments { get; init; } = 16;
    public int MaxVexBytes { get; init; } = 1024 * 1024;
}
