using System.Diagnostics;

namespace Scout.Advisories.Bench;

public sealed record BenchOptions(string TestData, int Advisories, int Packages, int Images)
{
    public static BenchOptions Parse(string[] args)
    {
        string Get(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }
        var testdata = Get("--testdata", Environment.GetEnvironmentVariable("SCOUT_TESTDATA") ?? Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../../shared/testdata")));
        return new BenchOptions(testdata, int.Parse(Get("--advisories", "500000")), int.Parse(Get("--packages", "10000")), int.Parse(Get("--images", "10000")));
    }
}

internal static class Measure
{
    public static (T Result, double Ms) Time<T>(Func<T> f)
    {
        var sw = Stopwatch.StartNew();
        var r = f();
        return (r, sw.Elapsed.TotalMilliseconds);
    }

    public static async Task<(T Result, double Ms)> TimeAsync<T>(Func<Task<T>> f)
    {
        var sw = Stopwatch.StartNew();
        var r = await f();
        return (r, sw.Elapsed.TotalMilliseconds);
    }

    public static long ManagedBytes()
    {
        GC.Collect(2, GCCollectionMode.Forced, true, true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, true, true);
        return GC.GetTotalMemory(true);
    }

    public static string Mb(long bytes) => $"{bytes / 1048576.0:0.0} MB";
}
