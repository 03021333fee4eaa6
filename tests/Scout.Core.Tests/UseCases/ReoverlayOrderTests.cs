using Scout.Core.Model;
using Scout.Core.Ports;
using Scout.Core.UseCases;
using Scout.Storage.Sqlite;
using Scout.Testing.StoreContract;

namespace Scout.Core.Tests.UseCases;

/// <summary>A refresh re-overlays (and so raises finding.added for) deployed images of subscribed tenants first.</summary>
public sealed class ReoverlayOrderTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("scout-order-test-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }

    /// <summary>Every package "example0" gets one new high finding once <see cref="Published"/> is set.</summary>
    private sealed class PublishingMatcher : IAdvisoryMatcher
    {
        public bool Published;
        public OverlayResult Overlay(OverlayRequest request) => new(Published
            ? [.. request.Packages.Where(p => p.Name == "libexample0").Select(p => StoreSamples.Vulnerability("CVE-2099-0001", p.Purl!))]
            : [], [], []);
    }

    private sealed class OneKeyCatalog : IAdvisoryCatalog
    {
        public static readonly PackageKey Key = new("Debian:12", "example0");
        public IReadOnlyCollection<PackageKey> Apply(IReadOnlyList<StoredAdvisory> advisories) => [Key];
        public IReadOnlyList<PackageKey> KeysOf(PackageRecord package, OsRelease? os) => [new("Debian:12", package.SourcePackage!)];
        public int Count => 1;
    }

    private sealed class OrderRecorder : IImageChangeObserver
    {
        public List<ImageRef> Reoverlaid { get; } = [];
        public Task AnalyzedAsync(ImageRef image, CancellationToken ct = default) => Task.CompletedTask;
        public Task BaseChangedAsync(ImageRef image, CancellationToken ct = default) => Task.CompletedTask;
        public Task ReoverlaidAsync(ImageRef image, FindingDiff diff, CancellationToken ct = default)
        {
            Reoverlaid.Add(image);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task Deployed_images_of_tenants_subscribed_to_finding_added_are_reoverlaid_first()
    {
        var store = new SqliteScoutStore(directory);
        await store.InitializeAsync();
        // Digests chosen so that the plain (tenant, digest) order would put every deployed image last.
        string subscribed = "t-a-subscribed", other = "t-b-other";
        var digests = Enumerable.Range(1, 3).Select(i => "sha256:" + i.ToString("x").PadLeft(64, '0')).ToArray();
        foreach (var tenant in new[] { subscribed, other })
            foreach (var digest in digests)
                await store.SaveAnalysisAsync(StoreSamples.Analysis(tenant, digest, findings: []));
        await store.AddEnvironmentAsync(subscribed, Deployed(digests[2]));
        await store.AddEnvironmentAsync(other, Deployed(digests[2]));
        await store.CreateWebhookAsync(new WebhookRecord(subscribed, "wh_1", "https://hooks.example.invalid/x", "sealed", Severities.High,
            [WebhookEvents.FindingAdded], StoreSamples.At()));

        var matcher = new PublishingMatcher { Published = true };
        var recorder = new OrderRecorder();
        var refresh = new AdvisoryRefresh(store, matcher, new OneKeyCatalog()) { Observer = recorder };
        var counts = await refresh.ApplyAsync([]);

        Assert.Equal(6, counts.Images);
        Assert.Equal(
            [new(subscribed, digests[2]), new(subscribed, digests[0]), new(subscribed, digests[1]),
             new(other, digests[0]), new(other, digests[1]), new(other, digests[2])],
            recorder.Reoverlaid);
    }

    private static EnvironmentRecord Deployed(string digest) =>
        new() { Namespace = "prod", WorkloadName = "checkout", WorkloadType = "Deployment", ImageDigest = digest, SeenAt = StoreSamples.At() };
}
