using Scout.Core.Model;
using Scout.Core.Ports;

namespace Scout.Testing.Fakes;

/// <summary>A normalizer whose every call fails like a store or network fault would (not an input error): the transient path.</summary>
public sealed class TransientFaultNormalizer : ISbomNormalizer
{
    private int calls;
    public int Calls => Volatile.Read(ref calls);

    public NormalizedSbom Normalize(ReadOnlyMemory<byte> document)
    {
        Interlocked.Increment(ref calls);
        throw new TimeoutException("simulated transient fault");
    }
}
