namespace Scout.Testing.Faults;

/// <summary>
/// The seeded dice of a fault-injection run: the same seed gives the same sequence of decisions, and every fault is
/// counted so a test can report how many it injected. Thread-safe; off until <see cref="Enabled"/> is set (set-up writes
/// such as creating the tenant are not the subject of the test).
/// </summary>
public sealed class FaultInjector(int seed, double rate)
{
    private readonly Random random = new(seed);
    private long before, after, calls;

    public double Rate { get; } = rate;
    public volatile bool Enabled;

    public long Calls => Interlocked.Read(ref calls);
    public long FaultsBefore => Interlocked.Read(ref before);
    public long FaultsAfter => Interlocked.Read(ref after);
    public long Faults => FaultsBefore + FaultsAfter;

    /// <summary>None, or whether the call fails before it reaches the real thing or after its effect landed.</summary>
    public FaultPoint Roll()
    {
        if (!Enabled) return FaultPoint.None;
        Interlocked.Increment(ref calls);
        double r, side;
        lock (random) { r = random.NextDouble(); side = random.NextDouble(); }
        if (r >= Rate) return FaultPoint.None;
        if (side < 0.5) { Interlocked.Increment(ref before); return FaultPoint.Before; }
        Interlocked.Increment(ref after);
        return FaultPoint.After;
    }

    public double Next() { lock (random) return random.NextDouble(); }
}

public enum FaultPoint { None, Before, After }

/// <summary>A transient fault (like a dropped connection): the delivery policy retries it, it is never an input error.</summary>
public sealed class InjectedFaultException(string message) : IOException(message);
