using System.Reflection;
using Scout.Core.Ports;

namespace Scout.Testing.Faults;

/// <summary>
/// An <see cref="IScoutStore"/> decorator that fails a seeded share of the calls returning a Task: half of the failures
/// before the call reaches the store, half after its write landed (the caller sees an error for a write that happened,
/// like a lost response). Reads fail the same way. A DispatchProxy, so every port added to IScoutStore later is covered
/// without touching this file. Streams (IAsyncEnumerable) pass through.
/// </summary>
public class FaultyStore : DispatchProxy
{
    private static readonly MethodInfo BeforeOf = typeof(FaultyStore).GetMethod(nameof(FailBefore), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo AfterOf = typeof(FaultyStore).GetMethod(nameof(FailAfterWithResult), BindingFlags.NonPublic | BindingFlags.Static)!;
    private IScoutStore inner = null!;
    private FaultInjector faults = null!;

    public static IScoutStore Wrap(IScoutStore inner, FaultInjector faults)
    {
        var proxy = Create<IScoutStore, FaultyStore>();
        var self = (FaultyStore)(object)proxy;
        self.inner = inner;
        self.faults = faults;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? method, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(method);
        var returns = method.ReturnType;
        var faultable = method.Name != nameof(IScoutStore.InitializeAsync) && typeof(Task).IsAssignableFrom(returns);
        var point = faultable ? faults.Roll() : FaultPoint.None;
        var fault = new InjectedFaultException($"injected fault {(point == FaultPoint.Before ? "before" : "after")} {method.Name}");
        if (point == FaultPoint.Before)
            return returns.IsGenericType ? BeforeOf.MakeGenericMethod(returns.GetGenericArguments()[0]).Invoke(null, [fault]) : Task.FromException(fault);
        object? result;
        try { result = method.Invoke(inner, args); }
        catch (TargetInvocationException e) when (e.InnerException != null) { throw e.InnerException; }
        if (point == FaultPoint.None) return result;
        return returns.IsGenericType ? AfterOf.MakeGenericMethod(returns.GetGenericArguments()[0]).Invoke(null, [result, fault]) : FailAfter((Task)result!, fault);
    }

    private static Task<T> FailBefore<T>(Exception fault) => Task.FromException<T>(fault);

    private static async Task<T> FailAfterWithResult<T>(Task<T> call, Exception fault)
    {
        await call;
        throw fault;
    }

    private static async Task FailAfter(Task call, Exception fault)
    {
        await call;
        throw fault;
    }
}
