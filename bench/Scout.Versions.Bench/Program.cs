using System.Diagnostics;
using Scout.Versions;

// Comparisons per second per scheme, with and without the parse cache, as ratios to string.CompareOrdinal over
// the same pairs in the same process. Pairs: the valid lines of tests/Scout.Versions.Tests/Fixtures/<scheme>.txt.
// usage: dotnet run -c Release --project bench/Scout.Versions.Bench [-- seconds-per-measurement]
var seconds = args.Length > 0 ? double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 0.4;
var fixtures = Path.Combine(RepoRoot(), "tests", "Scout.Versions.Tests", "Fixtures");
var schemes = new (string Fixture, string Ecosystem)[]
{
    ("dpkg", "deb"), ("rpm", "rpm"), ("apk", "apk"), ("pypi", "pypi"), ("npm", "npm"), ("cargo", "cargo"), ("hex", "hex"),
    ("go", "golang"), ("maven", "maven"), ("nuget", "nuget"), ("rubygems", "gem"), ("composer", "composer"),
};

Console.WriteLine($"{"scheme",-10} {"pairs",6} {"ordinal/s",12} {"cached/s",12} {"uncached/s",12} {"cached÷ord",11} {"uncached÷ord",13} {"cache gain",11}");
foreach (var (fixture, ecosystem) in schemes)
{
    var scheme = VersionSchemes.ForEcosystem(ecosystem)!;
    var pairs = File.ReadLines(Path.Combine(fixtures, fixture + ".txt"))
        .Where(l => !l.StartsWith('#') && !l.EndsWith("\tinvalid", StringComparison.Ordinal))
        .Select(l => l.Split('\t'))
        .Select(p => (A: p[0], B: p[1]))
        .ToArray();
    var ordinal = Measure(pairs, (a, b) => string.CompareOrdinal(a, b), seconds);
    var cached = Measure(pairs, (a, b) => scheme.Compare(a, b) ?? 0, seconds);
    var raw = Measure(pairs, Uncached(scheme), seconds);
    Console.WriteLine($"{fixture,-10} {pairs.Length,6} {ordinal,12:N0} {cached,12:N0} {raw,12:N0} {cached / ordinal,11:P2} {raw / ordinal,13:P3} {cached / raw,10:N1}x");
}

static Func<string, string, int> Uncached(IVersionScheme scheme)
{
    // Every scheme derives from VersionScheme<T>; reach its CompareUncached without naming T.
    var method = scheme.GetType().GetMethod("CompareUncached")!;
    var compare = method.CreateDelegate<Func<string, string, int?>>(scheme);
    return (a, b) => compare(a, b) ?? 0;
}

// Best of five rounds of at least `seconds` each: comparisons per second.
static double Measure((string A, string B)[] pairs, Func<string, string, int> compare, double seconds)
{
    var sink = 0;
    for (var i = 0; i < pairs.Length; i++) sink += compare(pairs[i].A, pairs[i].B);
    var best = 0.0;
    for (var round = 0; round < 5; round++)
    {
        long done = 0;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            for (var i = 0; i < pairs.Length; i++) sink += compare(pairs[i].A, pairs[i].B);
            done += pairs.Length;
        }
        best = Math.Max(best, done / watch.Elapsed.TotalSeconds);
    }
    GC.KeepAlive(sink);
    return best;
}

static string RepoRoot()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Scout.Serverless.sln"))) dir = dir.Parent;
    return dir?.FullName ?? throw new InvalidOperationException("run from inside the repository");
}
