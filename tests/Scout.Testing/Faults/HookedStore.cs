using System.Reflection;
using Scout.Core.Ports;

namespace Scout.Testing.Faults;

/// <summary>
/// An <see cref="IScoutStore"/> decorator that runs a hook before one named method reaches the store: a test lands
/// another process's work at an exact point of a use case (a refresh between an analysis's overlay and its save)
/// instead of hoping a timing produces the interleaving. The hook gets the call's arguments; every other call passes through.
/// </summary>
public class HookedStore : DispatchProxy
{
    private IScoutStore inner = null!;
    private string method = "";
    private Func<object?[], Task> hook = null!;

    public static IScoutStore Wrap(IScoutStore inner, string method, Func<object?[], Task> hook)
    {
        if (typeof(IScoutStore).GetMethods().Concat(typeof(IScoutStore).GetInterfaces().SelectMany(i => i.GetMethods())).All(m => m.Name != method))
            throw new ArgumentException($"IScoutStore has no method {method}", nameof(method));
        var proxy = Create<IScoutStore, HookedStore>();
        var self = (HookedStore)(object)proxy;
        self.inner = inner;
        self.method = method;
        self.hook = hook;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? called, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(called);
        if (called.Name != method || !typeof(Task).IsAssignableFrom(called.ReturnType)) return Call(called, args);
        return called.ReturnType.IsGenericType
            ? AfterHookOf.MakeGenericMethod(called.ReturnType.GetGenericArguments()[0]).Invoke(this, [called, args])
            : AfterHook(called, args);
    }

    private object? Call(MethodInfo called, object?[]? args)
    {
        try { return called.Invoke(inner, args); }
        catch (TargetInvocationException e) when (e.InnerException != null) { throw e.InnerException; }
    }

    private static readonly MethodInfo AfterHookOf = typeof(HookedStore).GetMethod(nameof(AfterHookWithResult), BindingFlags.NonPublic | BindingFlags.Instance)!;

    private async Task AfterHook(MethodInfo called, object?[]? args)
    {
        await hook(args ?? []);
        await (Task)Call(called, args)!;
    }

    private async Task<T> AfterHookWithResult<T>(MethodInfo called, object?[]? args)
    {
        await hook(args ?? []);
        return await (Task<T>)Call(called, args)!;
    }
}
