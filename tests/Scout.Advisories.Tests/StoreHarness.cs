using System.Reflection;
using Scout.Advisories.Matching;
using Scout.Core.Model;
using Scout.Core.Ports;
using Scout.Storage.Sqlite;

namespace Scout.Advisories.Tests;

/// <summary>A real SQLite store in a temp folder, the advisory services over it, and images saved the way queue analysis saves them.</summary>
internal sealed class StoreHarness : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("scout-adv-store-").FullName;
    public IScoutStore Store { get; }
    public AdvisoryServices Services { get; }
    public FailingStore Faults { get; }

    /// <param name="onDemand">the index hosts use (read from the store per package) instead of every advisory in memory</param>
    public StoreHarness(bool onDemand = false)
    {
        var real = new SqliteScoutStore(Folder);
        Store = FailingStore.Wrap(real, out var faults);
        Faults = faults;
        Services = AdvisoryServices.Create(DefaultAdapters.Keys, DefaultAdapters.Evaluator, Store,
            onDemand ? new Index.OnDemandAdvisoryIndex(Store, DefaultAdapters.Keys, Index.OnDemandAdvisoryIndex.DefaultCapacityBytes) : null);
    }

    public static readonly Finding SecretFinding = new()
    {
        Id = "github-token", Kind = FindingKinds.Secret, Location = "env", Name = "GITHUB_TOKEN", Rule = "github-token", Severity = Severities.High,
    };

    public async Task SaveImageAsync(string tenant, string digest, params string[] purls)
    {
        var packages = purls.Select(PackageFromPurl.Create).ToList();
        var overlay = await Services.Matcher.OverlayAsync(new OverlayRequest(packages, null));
        await Store.SaveAnalysisAsync(new ImageAnalysis
        {
            TenantId = tenant,
            Image = new ImageMetadata { Digest = digest },
            SbomSha256 = "sha256:" + digest,
            SbomFormat = "cyclonedx",
            TotalPackages = packages.Count,
            Packages = packages,
            Findings = [.. overlay.Findings, SecretFinding],
            IndexKeys = overlay.IndexKeys,
            AnalyzedAt = DateTimeOffset.UnixEpoch,
        });
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Folder, true); } catch (IOException) { }
    }
}

/// <summary>Passes every call to the real store, except that it can make ApplyFindingDiffAsync fail (a crash mid-refresh).</summary>
public class FailingStore : DispatchProxy
{
    private IScoutStore inner = null!;
    public bool FailApply { get; set; }

    public static IScoutStore Wrap(IScoutStore inner, out FailingStore control)
    {
        var proxy = Create<IScoutStore, FailingStore>();
        control = (FailingStore)(object)proxy;
        control.inner = inner;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? method, object?[]? args)
    {
        if (FailApply && method!.Name == nameof(IImageStore.ApplyFindingDiffAsync)) throw new IOException("simulated store failure");
        try { return method!.Invoke(inner, args); }
        catch (TargetInvocationException e) { throw e.InnerException!; }
    }
}
