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

    public NormalizedSbom Normalize(ReadOnlyMemory<byte> document)
    {
        RawSbom raw;
        try
        {
            raw = SbomReader.ReadRaw(document, Limits, wrapping: 0);
        }
        catch (InsufficientExecutionStackException)
        {
            throw new SbomFormatException("unknown", null, null, "nesting is too deep", $"max depth {Limits.MaxDepth}");
        }
        return PackageAssembler.Assemble(raw);
    }
}
