using System.Text.Json;
using Scout.Core.Model;
using Scout.Core.Ports;
using Scout.Testing;

namespace Scout.Storage.DynamoDb.Tests;

/// <summary>Advisory storage on DynamoDB Local with real OSV records from the shared test data.</summary>
[Collection(DynamoDbLocalCollection.Name)]
public sealed class DynamoDbAdvisoryTests(DynamoDbLocalFixture server)
{
    [Fact]
    public async Task Real_osv_records_are_found_by_package_and_only_newer_or_equal_versions_replace_them()
    {
        var store = await server.NewStoreAsync("adv");
        var advisories = RealAdvisories(40);
        await store.UpsertAdvisoriesAsync(advisories);

        foreach (var advisory in advisories)
        {
            Assert.Equal(advisory.Json, (await store.GetAdvisoriesByIdAsync(advisory.Id)).Single().Json);
            foreach (var key in advisory.Keys)
                Assert.Contains(advisory.Id, (await store.GetAdvisoriesForPackageAsync(key)).Select(a => a.Id));
        }
        Assert.Equal(advisories.Select(a => a.Id).Order(), (await store.ReadAllAdvisoriesAsync().ToListAsync()).Select(a => a.Id).Order());

        var first = advisories[0];
        var moved = new PackageKey("npm", "moved-package");
        await store.UpsertAdvisoriesAsync([first with { Modified = first.Modified.AddDays(-1), Json = "{\"older\":true}" }]);
        Assert.Equal(first.Json, (await store.GetAdvisoriesByIdAsync(first.Id)).Single().Json);
        await store.UpsertAdvisoriesAsync([first with { Modified = first.Modified.AddDays(1), Keys = [moved] }]);
        Assert.Equal([moved], (await store.GetAdvisoriesByIdAsync(first.Id)).Single().Keys);
        Assert.Contains(first.Id, (await store.GetAdvisoriesForPackageAsync(moved)).Select(a => a.Id));
        foreach (var key in first.Keys)
            Assert.DoesNotContain(first.Id, (await store.GetAdvisoriesForPackageAsync(key)).Select(a => a.Id));
    }

    [Fact]
    public async Task An_advisory_larger_than_an_item_is_chunked()
    {
        var store = await server.NewStoreAsync("adv-big", options: new Scout.Storage.DynamoDb.DynamoDbStoreOptions { ChunkBytes = 4096 });
        var advisory = RealAdvisories(1)[0];
        var big = advisory with { Json = advisory.Json + new string(' ', 0) + Convert.ToBase64String(Samples.RandomBytes(20_000, seed: 3)) };
        await store.UpsertAdvisoriesAsync([big]);
        Assert.Equal(big.Json, (await store.GetAdvisoriesByIdAsync(big.Id)).Single().Json);
        Assert.Equal(big.Json, (await store.GetAdvisoriesForPackageAsync(big.Keys[0])).Single().Json);
    }

    [Fact]
    public async Task Cursors_round_trip()
    {
        var store = await server.NewStoreAsync("cursor");
        Assert.Null(await store.GetCursorAsync("osv:npm"));
        await store.SetCursorAsync("osv:npm", "2026-11-01T00:00:00Z");
        await store.SetCursorAsync("osv:npm", "2026-11-02T00:00:00Z");
        Assert.Equal("2026-11-02T00:00:00Z", await store.GetCursorAsync("osv:npm"));
    }

    [Fact]
    public async Task Tenants_are_found_by_key_id_and_duplicate_key_ids_are_refused()
    {
        var store = await server.NewStoreAsync("tenants");
        var tenant = new TenantRecord("t1", "Acme", "k1", "salt", "hash", new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        await store.CreateTenantAsync(tenant);
        Assert.Equal(tenant, await store.GetTenantByKeyIdAsync("k1"));
        Assert.Null(await store.GetTenantByKeyIdAsync("k2"));
        await Assert.ThrowsAsync<DuplicateException>(() => store.CreateTenantAsync(tenant with { TenantId = "t2" }));
        Assert.Equal(tenant, await store.GetTenantByKeyIdAsync("k1"));
    }

    /// <summary>OSV records from ../shared/testdata/osv, keyed the way OSV names packages.</summary>
    private static List<StoredAdvisory> RealAdvisories(int count)
    {
        var files = Directory.EnumerateFiles(TestData.Path("osv"), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal);
        var result = new List<StoredAdvisory>();
        foreach (var file in files)
        {
            var json = File.ReadAllText(file);
            JsonDocument doc;
            try { doc = JsonDocument.Parse(json); } catch (JsonException) { continue; }
            using (doc)
            {
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("id", out var id) || !root.TryGetProperty("modified", out var modified)
                    || !root.TryGetProperty("affected", out var affected) || affected.ValueKind != JsonValueKind.Array)
                    continue;
                var keys = affected.EnumerateArray()
                    .Where(a => a.TryGetProperty("package", out _))
                    .Select(a => a.GetProperty("package"))
                    .Where(p => p.TryGetProperty("ecosystem", out _) && p.TryGetProperty("name", out _))
                    .Select(p => new PackageKey(p.GetProperty("ecosystem").GetString()!, p.GetProperty("name").GetString()!))
                    .Distinct().ToList();
                if (keys.Count == 0 || result.Any(r => r.Id == id.GetString())) continue;
                result.Add(new StoredAdvisory { Id = id.GetString()!, Modified = modified.GetDateTimeOffset(), Json = json, Keys = keys, Source = "osv" });
            }
            if (result.Count == count) break;
        }
        Assert.True(result.Count == count, $"expected {count} OSV records with affected packages under {TestData.Path("osv")}, found {result.Count}");
        return result;
    }
}
