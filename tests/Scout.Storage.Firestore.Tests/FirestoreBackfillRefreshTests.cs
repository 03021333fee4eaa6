using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Scout.Core.Model;
using Scout.Core.Ports;
using Scout.Core.UseCases;
using Scout.Storage.Firestore.Rest;
using Scout.Testing.Fakes;
using Scout.Testing.Servers;
using static Scout.Testing.StoreContract.StoreSamples;

namespace Scout.Storage.Firestore.Tests;

/// <summary>Issue #15: the backfill of key documents runs for real, a step with every scheduled advisory refresh.</summary>
[Collection(FirestoreEmulatorCollection.Name)]
public sealed class FirestoreBackfillRefreshTests(FirestoreEmulatorFixture emulator)
{
    [Fact]
    public async Task A_refresh_runs_a_backfill_step_and_a_failing_step_is_reported_without_failing_the_refresh()
    {
        var store = FirestoreTestStores.Create(emulator);
        var paths = new FirestorePaths(store.Client.Options.DocumentsRoot);
        var key = new PackageKey("npm", $"refreshed-{Guid.NewGuid():N}");
        var advisory = Advisory($"GHSA-{key.Name}", At(1), key);
        await store.UpsertAdvisoriesAsync([advisory]);
        await store.Client.CommitAsync([Fs.Delete(paths.AdvisoryKey(key)), Fs.Delete(paths.AdvisoryKeysComplete), Fs.Delete($"{paths.Root}/meta/backfill")], default);
        try
        {
            var failing = Refresh(new FirestoreScoutStore(FailingBackfillClient()));
            var failed = await failing.RefreshAsync(new NoFeed());
            Assert.Contains(failed.Errors, e => e.StartsWith("store upkeep:", StringComparison.Ordinal));
            Assert.Null(await store.Client.GetAsync(paths.AdvisoryKeysComplete, default));

            var summary = await Refresh(new FirestoreScoutStore(store.Client) { BackfillPagesPerStep = 10_000 }).RefreshAsync(new NoFeed());

            Assert.Empty(summary.Errors);
            Assert.NotNull(await store.Client.GetAsync(paths.AdvisoryKeysComplete, default));
            Assert.Equal([paths.Advisory(advisory.SourceKey, advisory.Id).Split('/')[^1]], (await store.Client.GetAsync(paths.AdvisoryKey(key), default))!.StringArray("advisories"));
        }
        finally
        {
            await store.Client.CommitAsync([Fs.Set(paths.AdvisoryKeysComplete, new JsonObject())], default);
        }
    }

    private static AdvisoryRefresh Refresh(IScoutStore store) => new(store, new PackageNameMatcher(), new NoCatalog());

    private FirestoreRestClient FailingBackfillClient()
    {
        var options = FirestoreTestStores.Options(emulator);
        var http = new HttpClient(new FailBackfillReads { InnerHandler = new HttpClientHandler() }) { BaseAddress = options.BaseAddress };
        return new FirestoreRestClient(http, options, new EmulatorTokenSource());
    }

    /// <summary>Answers a read of the backfill's state with a non-transient error, as a broken permission would.</summary>
    private sealed class FailBackfillReads : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var body = request.Content == null ? "" : await request.Content.ReadAsStringAsync(ct);
            if (!body.Contains("meta/backfill", StringComparison.Ordinal)) return await base.SendAsync(request, ct);
            return new HttpResponseMessage(HttpStatusCode.Forbidden)
            {
                Content = new StringContent("""{"error":{"status":"PERMISSION_DENIED","message":"backfill denied"}}""", Encoding.UTF8, "application/json"),
            };
        }
    }

    private sealed class NoFeed : IAdvisoryFeed
    {
        public string FeedKey => "none";
        public Task<IReadOnlyList<string>> ListEcosystemsAsync(CancellationToken ct = default) => Task.FromResult<IReadOnlyList<string>>([]);
        public Task<FeedChanges> ReadChangesAsync(string ecosystem, string? cursor, CancellationToken ct = default) => throw new NotSupportedException();
    }

    private sealed class NoCatalog : IAdvisoryCatalog
    {
        public IReadOnlyCollection<PackageKey> Apply(IReadOnlyList<StoredAdvisory> advisories) => [];
        public IReadOnlyList<PackageKey> KeysOf(PackageRecord package, OsRelease? os) => [];
        public int Count => 0;
    }
}
