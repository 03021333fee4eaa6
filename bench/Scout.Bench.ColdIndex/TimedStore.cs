using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using Scout.Core.Ports;

namespace Scout.Bench.ColdIndex;

/// <summary>Passes every call to the store and sums, per method, the time its tasks took (calls may overlap).</summary>
public class TimedStore : DispatchProxy
{
    private IScoutStore inner = null!;
    public ConcurrentDictionary<string, (int Calls, double Ms)> Times { get; } = new();

    public static (IScoutStore Store, TimedStore Timing) Wrap(IScoutStore store)
    {
        var proxy = Create<IScoutStore, TimedStore>();
        var timing = (TimedStore)(object)proxy;
        timing.inner = store;
        return (proxy, timing);
    }

    protected override object? Invoke(MethodInfo? method, object?[]? args)
    {
        var started = Stopwatch.GetTimestamp();
        object? result;
        try { result = method!.Invoke(inner, args); }
        catch (TargetInvocationException e) { throw e.InnerException!; }
        if (result is Task task)
            task.ContinueWith(_ => Add(method.Name, started), TaskContinuationOptions.ExecuteSynchronously);
        else Add(method.Name, started);
        return result;
    }

    private void Add(string name, long started)
    {
        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        Times.AddOrUpdate(name, (1, ms), (_, t) => (t.Calls + 1, t.Ms + ms));
    }

    public string Summary(int top = 6) => string.Join(", ", Times.OrderByDescending(t => t.Value.Ms).Take(top)
        .Select(t => $"{t.Key} {t.Value.Ms:0} ms/{t.Value.Calls}"));
}
