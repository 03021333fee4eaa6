using System.Runtime.CompilerServices;
using Scout.Core.Model;
using Scout.Core.Ports;
using Scout.Sbom.Assembly;

namespace Scout.Sbom;

/// <summary>
/// CycloneDX (JSON, XML), SPDX (2.x JSON, tag-value, 3.0 JSON-LD), syft JSON, and in-toto statements or DSSE
/// envelopes carrying any of them, into one canonical package list. Refusals are <see cref="SbomFormatException"/>.
/// </summary>
public sealed class SbomNormalizer : ISbomNormalizer
{
    public SbomNormalizer() : this(SbomLimits.Default) { }

    public SbomNormalizer(SbomLimits limits) => Limits = limits;

    public SbomLimits Limits { get; }

    public NormalizedSbom Normalize(ReadOnlyMemory<byte> document) => PackageAssembler.Assemble(ReadRaw(document));

    /// <summary>
    /// Reads the document from <paramref name="document"/> (to its end; refused over the size limit before buffering
    /// more) and normalizes it. The bytes are released once read, before the packages are assembled, so a big SBOM's
    /// bytes and its packages are never held at once (the CLI reads its file this way).
    /// </summary>
    public NormalizedSbom Normalize(Stream document) => PackageAssembler.Assemble(ReadRaw(document));

    // Its own frame: nothing of the buffer stays reachable from the caller while the packages are assembled.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private RawSbom ReadRaw(Stream stream)
    {
        using var buffer = DocumentBuffer.Read(stream, Limits.MaxDocumentBytes);
        return ReadRaw(buffer.Memory);
    }

    private RawSbom ReadRaw(ReadOnlyMemory<byte> document)
    {
        try
        {
            return SbomReader.ReadRaw(document, Limits, wrapping: 0);
        }
        catch (InsufficientExecutionStackException)
        {
            throw new SbomFormatException("unknown", null, null, "nesting is too deep", $"max depth {Limits.MaxDepth}");
        }
    }
}
