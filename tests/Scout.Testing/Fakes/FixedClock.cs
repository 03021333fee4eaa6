using Scout.Core.Ports;

namespace Scout.Testing.Fakes;

/// <summary>A clock that reads the time it is set to (tests that assert on stored timestamps or visibility).</summary>
public sealed class FixedClock(DateTimeOffset at) : IClock
{
    public DateTimeOffset UtcNow { get; set; } = at;
}
