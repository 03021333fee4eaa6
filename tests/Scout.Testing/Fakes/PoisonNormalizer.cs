using System.Text;
using Scout.Core.Model;
using Scout.Core.Ports;

namespace Scout.Testing.Fakes;

/// <summary>
/// The real normalizer, except that an SBOM naming the poison package always fails with a transient fault (a timeout,
/// never an input error): the delivery policy retries it until it gives up. Counts its poisoned calls.
/// </summary>
public sealed class PoisonNormalizer(ISbomNormalizer inner) : ISbomNormalizer
{
    public const string PoisonPackage = "poison-pill";
    private int poisoned;

    public int PoisonedCalls => Volatile.Read(ref poisoned);

    public NormalizedSbom Normalize(ReadOnlyMemory<byte> document)
    {
        if (Encoding.UTF8.GetString(document.Span).Contains(PoisonPackage, StringComparison.Ordinal))
        {
            Interlocked.Increment(ref poisoned);
            throw new TimeoutException("simulated transient fault: the poison SBOM always times out");
        }
        return inner.Normalize(document);
    }

    /// <summary>An upload envelope whose SBOM holds the poison package.</summary>
    public static byte[] Envelope(string digest) => Encoding.UTF8.GetBytes($$$"""
        {"image":{"digest":"{{{digest}}}","architecture":"amd64","os":{"type":"linux","version":"12"}},
         "sbom":{"bomFormat":"CycloneDX","specVersion":"1.5","version":1,"components":[{"type":"library","name":"{{{PoisonPackage}}}","version":"1.0.0","purl":"pkg:npm/{{{PoisonPackage}}}@1.0.0"}]}}
        """);
}
