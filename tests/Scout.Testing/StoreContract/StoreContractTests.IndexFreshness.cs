using System.Text;
using Scout.Core.Api;
using Scout.Core.Model;
using Scout.Core.Ports;
using Scout.Core.UseCases;
using Scout.Hosting;
using Scout.Testing.Faults;
using static Scout.Testing.StoreContract.StoreSamples;

namespace Scout.Testing.StoreContract;

/// <summary>
/// Issue #11, index freshness on every store: two platforms over one store, each with its own store client (as two
/// processes, a warm Lambda or Cloud Run instance beside the one that ran the refresh). The one that did not import
/// analyzes against the new advisories, also when the import lands between its overlay and its save.
/// Each test uses its own package name and advisory, so a shared store's other advisories do not matter.
/// </summary>
public abstract partial class StoreContractTests
{
    private sealed class CapturingQueue : IWorkQueue
    {
        public List<AnalyzeImageMessage> Messages { get; } = [];
        public Task EnqueueAsync(AnalyzeImageMessage message, CancellationToken ct = default)
        {
            lock (Messages) Messages.Add(message);
            return Task.CompletedTask;
        }
    }

    /// <summary>A fresh advisory (one package, all versions before 2.0.0 affected) in a folder of its own.</summary>
    private static (string Folder, string Package, string Cve) FreshAdvisory()
    {
        var n = Random.Shared.Next(100000, 999999);
        var (package, cve, ghsa) = ($"fresh-{Guid.NewGuid():N}", $"CVE-2097-{n}", $"GHSA-fr{n % 100:00}-{n / 100:0000}-test");
        var folder = Directory.CreateTempSubdirectory("scout-fresh-osv-").FullName;
        File.WriteAllText(Path.Combine(folder, ghsa + ".json"), $$"""
            {"schema_version":"1.6.0","id":"{{ghsa}}","modified":"2026-01-01T00:00:00Z","published":"2026-01-01T00:00:00Z",
             "aliases":["{{cve}}"],"summary":"test advisory",
             "affected":[{"package":{"ecosystem":"npm","name":"{{package}}"},
               "ranges":[{"type":"SEMVER","events":[{"introduced":"0"},{"fixed":"2.0.0"}]}]}]}
            """);
        return (folder, package, cve);
    }

    private async Task<(TenantRecord Tenant, string Digest, AnalyzeImageMessage Message)> UploadAsync(ScoutPlatform platform, CapturingQueue queue, string package)
    {
        var (tenant, key) = await platform.Keys.CreateTenantAsync("fresh");
        var digest = NewDigest();
        var envelope = $$$"""
            {"image":{"digest":"{{{digest}}}","createdAt":"2026-11-01T10:00:00Z","exposedPorts":[],"env":[],"labels":{},
               "layers":["sha256:{{{new string('b', 64)}}}"],"architecture":"amd64","os":{"type":"linux","version":"12"},
               "registry":{"url":"docker.io/library/app","type":"dockerhub"}},
             "sbom":{"bomFormat":"CycloneDX","specVersion":"1.5","components":[
               {"type":"library","name":"{{{package}}}","version":"1.0.0","purl":"pkg:npm/{{{package}}}@1.0.0"}]}}
            """;
        var accepted = await platform.Api.HandleAsync(new ApiRequest
        {
            Method = "POST", Path = "/v1/images", Body = Encoding.UTF8.GetBytes(envelope),
            Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Authorization"] = "Bearer " + key },
        });
        Assert.Equal(202, accepted.Status);
        lock (queue.Messages) return (tenant, digest, queue.Messages.Single(m => m.TenantId == tenant.TenantId));
    }

    [Fact]
    public async Task A_warm_platform_analyzes_against_advisories_another_platform_imported_into_the_store()
    {
        var (folder, package, cve) = FreshAdvisory();
        var queue = new CapturingQueue();
        var warm = await ScoutPlatform.CreateAsync(await CreateStoreAsync(), queue, new ScoutOptions());    // index loaded before the import
        var refresher = await ScoutPlatform.CreateAsync(await CreateStoreAsync(), queue, new ScoutOptions());
        Assert.Equal(1, (await refresher.ImportAdvisoriesAsync(folder)).AdvisoriesChanged);

        var (tenant, digest, message) = await UploadAsync(warm, queue, package);
        Assert.Equal(AnalysisStatus.Done, (await warm.QueueAnalysis.HandleAsync(message)).Status);
        Assert.Contains(await Store.GetFindingsAsync(tenant.TenantId, digest), f => f.Id == cve || f.Aliases.Contains(cve));
        Directory.Delete(folder, true);
    }

    [Fact]
    public async Task An_import_landing_between_an_analysis_overlay_and_its_save_in_another_platform_is_not_missed()
    {
        var (folder, package, cve) = FreshAdvisory();
        var queue = new CapturingQueue();
        var refresher = await ScoutPlatform.CreateAsync(await CreateStoreAsync(), queue, new ScoutOptions());
        RefreshSummary? landed = null;
        var warm = await ScoutPlatform.CreateAsync(HookedStore.Wrap(await CreateStoreAsync(), nameof(IScoutStore.SaveAnalysisAsync),
            async _ => landed ??= await refresher.ImportAdvisoriesAsync(folder)), queue, new ScoutOptions());

        var (tenant, digest, message) = await UploadAsync(warm, queue, package);
        Assert.Equal(AnalysisStatus.Done, (await warm.QueueAnalysis.HandleAsync(message)).Status);
        Assert.NotNull(landed);
        Assert.Equal((1, 0), (landed.AdvisoriesChanged, landed.ImagesReoverlaid));   // the import did not see this image
        Assert.Contains(await Store.GetFindingsAsync(tenant.TenantId, digest), f => f.Id == cve || f.Aliases.Contains(cve));
        Assert.Equal(UploadStatuses.Done, (await Store.GetUploadAsync(tenant.TenantId, message.UploadId))!.Status);
        Directory.Delete(folder, true);
    }
}
