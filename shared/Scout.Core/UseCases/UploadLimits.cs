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
}
