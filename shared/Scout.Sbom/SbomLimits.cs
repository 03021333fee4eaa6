namespace Scout.Sbom;

/// <summary>Bounds that keep a hostile or broken document from exhausting memory or time.</summary>
public sealed record SbomLimits
{
    public static SbomLimits Default { get; } = new();

    public long MaxDocumentBytes { get; init; } = 64L * 1024 * 1024;
    public int MaxDepth { get; init; } = 64;
    /// <summary>Longest string value or name, in bytes as written (a DSSE payload is bounded by the document size instead).</summary>
    public int MaxStringLength { get; init; } = 1024 * 1024;
    public int MaxComponents { get; init; } = 500_000;
    /// <summary>How many attestation envelopes may wrap each other (DSSE inside in-toto inside ...).</summary>
    public int MaxWrapping { get; init; } = 4;
    /// <summary>A CycloneDX JSON components array with at least this many bytes after it starts is read on two threads
    /// (Json/ComponentSplit.cs); 0 or less never splits. Not a bound: the result is the same either way.</summary>
    public int ParallelReadMinBytes { get; init; } = 2 * 1024 * 1024;
}
