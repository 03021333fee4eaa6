using System.Runtime;

namespace Scout.Cli.Commands;

/// <summary>
/// For a one-shot command whose result is almost all it allocates (`sbom normalize`: every package of a big SBOM lives
/// until it is written), collections free next to nothing and copy everything that lives; this asks the runtime for
/// none up to a budget sized from the input. Past the budget the runtime ends the region and collects as usual, so
/// peak memory is what the result needs plus at most the budget. Only for the real process (tests running the CLI
/// in-process share one heap with other threads), and best effort: a runtime that refuses just collects as usual.
/// </summary>
internal sealed class CollectionFreeRun : IDisposable
{
    private bool started;

    public static CollectionFreeRun Start(long budgetBytes, bool realProcess)
    {
        var run = new CollectionFreeRun();
        if (!realProcess || budgetBytes <= 0) return run;
        try
        {
            run.started = GC.TryStartNoGCRegion(budgetBytes);
        }
        catch (ArgumentOutOfRangeException) { } // over what the runtime can reserve: collect as usual
        catch (InvalidOperationException) { } // a region is already open
        return run;
    }

    public void Dispose()
    {
        if (!started || GCSettings.LatencyMode != GCLatencyMode.NoGCRegion) return;
        try
        {
            GC.EndNoGCRegion();
        }
        catch (InvalidOperationException) { } // the runtime ended it (budget spent or an induced collection)
    }
}
