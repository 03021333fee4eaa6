using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Scout.Core.Model;
using Scout.Core.Ports;
using Scout.Storage.DynamoDb;

namespace Scout.Storage.DynamoDb.Tests;

/// <summary>DynamoDB-specific behaviours on DynamoDB Local: schema, chunking, idempotency, versioning, key layout.</summary>
[Collection(DynamoDbLocalCollection.Name)]
public sealed class DynamoDbStoreTests(DynamoDbLocalFixture server)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 5, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Initialize_creates_the_table_with_its_index_and_ttl_and_is_idempotent()
    {
        var store = await server.NewStoreAsync("init");
        await store.InitializeAsync();
        using var client = server.CreateClient();
        var table = (await client.DescribeTableAsync(store.TableName)).Table;
        Assert.Equal("GSI1", Assert.Single(table.GlobalSecondaryIndexes).IndexName);
        Assert.Equal(["PK", "SK"], table.KeySchema.Select(k => k.AttributeName));
        var ttl = await client.DescribeTimeToLiveAsync(new DescribeTimeToLiveRequest { TableName = store.TableName });
        Assert.Equal("ttl", ttl.TimeToLiveDescription.AttributeName);
        Assert.Equal(TimeToLiveStatus.ENABLED, ttl.TimeToLiveDescription.TimeToLiveStatus);
    }

    [Fact]
    public async Task A_store_whose_table_the_deployment_owns_makes_no_table_and_fails_loudly_when_it_is_missing()
    {
        var store = await server.NewStoreAsync("owned", options: new DynamoDbStoreOptions { EnsureTable = false });
        using var client = server.CreateClient();
        var tables = await client.ListTablesAsync();
        Assert.DoesNotContain(store.TableName, tables.TableNames);
        // a function deployed without its table: the write fails (the queue retries it, then dead-letters it), nothing is acknowledged
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => store.CreateUploadAsync(Upload("t1", "u-owned"), [1, 2, 3]));
    }

    [Fact]
    public async Task A_document_over_the_item_limit_is_chunked_and_read_back_intact()
    {
        var store = await server.NewStoreAsync("chunks");
        var document = Samples.RandomBytes(1_300_000, seed: 7); // incompressible, 3x the 400 KB item limit
        var (_, created) = await store.CreateUploadAsync(Upload("t1", "u-big"), document);
        Assert.True(created);
        Assert.Equal(document, await store.GetUploadDocumentAsync("t1", "u-big"));
        var items = await RawPartitionAsync(store, "T#t1#UPLOAD#u-big");
        var chunks = items.Where(i => i["SK"].S.StartsWith("DOC#", StringComparison.Ordinal)).ToList();
        Assert.Equal((int)Math.Ceiling(document.Length / 350_000.0), chunks.Count);
        Assert.All(chunks, c => Assert.True(c["data"].B.Length <= 350_000));
    }

    [Fact]
    public async Task Create_upload_is_idempotent_under_concurrent_duplicates()
    {
        var store = await server.NewStoreAsync("idem");
        var document = Samples.RandomBytes(5_000, seed: 1);
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            store.CreateUploadAsync(Upload("t1", "u1") with { Reason = i == 0 ? null : $"attempt {i}" }, document)));
        Assert.Single(results, r => r.Created);
        var winner = results.Single(r => r.Created).Upload;
        Assert.All(results, r => Assert.Equal(winner, r.Upload));
        Assert.Equal(document, await store.GetUploadDocumentAsync("t1", "u1"));
    }

    [Fact]
    public async Task A_document_too_big_for_one_transaction_is_written_chunks_first_and_stays_idempotent()
    {
        // 4 KB chunks turn a 100 KB document into 25 chunks: past the 10 that go in one transaction with the head
        var store = await server.NewStoreAsync("many-chunks", options: new DynamoDbStoreOptions { ChunkBytes = 4096 });
        var document = Samples.RandomBytes(100_000, seed: 9);
        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => store.CreateUploadAsync(Upload("t1", "u-many"), document)));
        Assert.Single(results, r => r.Created);
        Assert.Equal(document, await store.GetUploadDocumentAsync("t1", "u-many"));
        Assert.Equal(25, (await RawPartitionAsync(store, "T#t1#UPLOAD#u-many")).Count(i => i["SK"].S.StartsWith("DOC#", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_final_status_leaves_the_pending_index_and_starts_the_document_ttl()
    {
        var store = await server.NewStoreAsync("ttl");
        await store.CreateUploadAsync(Upload("t1", "u1"), Samples.RandomBytes(800_000, seed: 2));
        await store.CreateUploadAsync(Upload("t1", "u2"), [1, 2, 3]);
        Assert.Equal(["u1", "u2"], (await store.ListPendingUploadsAsync()).Select(u => u.UploadId).Order());

        var finishedLongAgo = T0.AddDays(-30);
        await store.UpdateUploadStatusAsync("t1", "u1", UploadStatuses.Done, null, finishedLongAgo);
        Assert.Equal(["u2"], (await store.ListPendingUploadsAsync()).Select(u => u.UploadId));
        var chunks = (await RawPartitionAsync(store, "T#t1#UPLOAD#u1")).Where(i => i["SK"].S.StartsWith("DOC#", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, chunks.Count);
        var expected = finishedLongAgo.AddDays(7).ToUnixTimeSeconds();
        Assert.All(chunks, c => Assert.Equal(expected.ToString(), c["ttl"].N));
        Assert.DoesNotContain("ttl", (await RawPartitionAsync(store, "T#t1#UPLOAD#u1")).Single(i => i["SK"].S == "META").Keys);
        Assert.Null(await store.GetUploadDocumentAsync("t1", "u1")); // retention ran out: expired, even before TTL deletes it
        Assert.Equal([1, 2, 3], await store.GetUploadDocumentAsync("t1", "u2"));
    }

    [Fact]
    public async Task Tenant_data_sits_under_tenant_leading_partition_keys()
    {
        var store = await server.NewStoreAsync("leading");
        foreach (var tenant in new[] { "alpha", "beta" })
        {
            await store.CreateUploadAsync(Upload(tenant, "u1"), [1]);
            await store.SaveAnalysisAsync(Samples.Analysis(tenant, Samples.Digest(1), packages: 30));
            await store.AddEnvironmentAsync(tenant, new EnvironmentRecord { Namespace = "prod", WorkloadName = "web", WorkloadType = "Deployment", ImageDigest = Samples.Digest(1), SeenAt = T0 });
            await store.AddVexAsync(tenant, Samples.Digest(1), new VexDocumentRecord("vex-1", "openvex", "{}", T0));
        }
        using var client = server.CreateClient();
        var all = (await client.ScanAsync(new ScanRequest { TableName = store.TableName })).Items;
        var tenantItems = all.Where(i => i["et"].S is not ("advisory" or "advisory-key" or "cursor" or "apikey")).ToList();
        Assert.NotEmpty(tenantItems);
        foreach (var item in tenantItems)
        {
            var tenant = item.TryGetValue("tid", out var tid) ? tid.S : item["PK"].S.Split('#')[1];
            Assert.StartsWith($"T#{tenant}#", item["PK"].S);
        }
        Assert.Equal(2, tenantItems.Select(i => i["PK"].S.Split('#')[1]).Distinct().Count());
        await Assert.ThrowsAsync<ArgumentException>(() => store.GetUploadAsync("alpha#x", "u1"));
    }

    [Fact]
    public async Task Save_analysis_of_a_ten_thousand_package_sbom_round_trips_and_re_saving_writes_nothing()
    {
        var store = await server.NewStoreAsync("big");
        var analysis = Samples.Analysis("t1", Samples.Digest(9), packages: 10_000, descriptionBytes: 120);
        await store.SaveAnalysisAsync(analysis);
        var packages = await store.GetPackagesAsync("t1", Samples.Digest(9));
        Assert.Equal(analysis.Packages, packages, PackageComparer.Instance);
        var image = await store.GetImageAsync("t1", Samples.Digest(9));
        Assert.NotNull(image);
        Assert.Equal(10_000, image.PackageCount);
        Assert.Equal(1, image.Revision);
        Assert.True((await RawPartitionAsync(store, "T#t1#IMAGE#" + Samples.Digest(9))).Count(i => i["SK"].S.StartsWith("PKG#", StringComparison.Ordinal)) > 1,
            "a 10,000-package list exceeds one item and must be chunked");
        Assert.Contains(new ImageRef("t1", Samples.Digest(9)), await store.FindImagesByPackageAsync(analysis.IndexKeys[4321]));

        var before = await RawPartitionAsync(store, "T#t1#IMAGE#" + Samples.Digest(9));
        await store.SaveAnalysisAsync(analysis with { AnalyzedAt = analysis.AnalyzedAt.AddHours(1) });
        Assert.Equal(1, (await store.GetImageAsync("t1", Samples.Digest(9)))!.Revision);
        Assert.Equal(before.Select(i => i["SK"].S).Order(), (await RawPartitionAsync(store, "T#t1#IMAGE#" + Samples.Digest(9))).Select(i => i["SK"].S).Order());
    }

    [Fact]
    public async Task A_new_analysis_replaces_packages_findings_and_index_entries_and_drops_the_old_generation()
    {
        var store = await server.NewStoreAsync("replace");
        var first = Samples.Analysis("t1", Samples.Digest(2), packages: 20);
        await store.SaveAnalysisAsync(first);
        var second = Samples.Analysis("t1", Samples.Digest(2), packages: 5, findings: [], seed: 2) with { SbomSha256 = new string('b', 64) };
        await store.SaveAnalysisAsync(second);

        Assert.Equal(5, (await store.GetPackagesAsync("t1", Samples.Digest(2))).Count);
        Assert.Empty(await store.GetFindingsAsync("t1", Samples.Digest(2)));
        var image = await store.GetImageAsync("t1", Samples.Digest(2));
        Assert.Equal(2, image!.Revision);
        Assert.Equal(new string('b', 64), image.SbomSha256);
        Assert.Empty(await store.FindImagesByPackageAsync(first.IndexKeys[10]));
        Assert.Single(await store.FindImagesByPackageAsync(first.IndexKeys[3]));
        var items = await RawPartitionAsync(store, "T#t1#IMAGE#" + Samples.Digest(2));
        Assert.Equal(5, items.Count(i => i["SK"].S.StartsWith("IDX#", StringComparison.Ordinal)));
        Assert.Equal(1, items.Count(i => i["SK"].S.StartsWith("PKG#", StringComparison.Ordinal)));
        Assert.Equal(1, items.Count(i => i["SK"].S.StartsWith("FND#", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Concurrent_finding_diffs_are_both_applied_through_optimistic_retries()
    {
        var store = await server.NewStoreAsync("race");
        var digest = Samples.Digest(3);
        await store.SaveAnalysisAsync(Samples.Analysis("t1", digest, packages: 10, findings: []));
        var diffs = Enumerable.Range(0, 4).Select(i =>
            new FindingDiff([Samples.Vulnerability($"CVE-2026-000{i}", $"pkg:npm/%40scope{i}/package-{i}@1.{i}.{i}", Severities.Critical)], [], [])).ToList();
        await Task.WhenAll(diffs.Select(d => store.ApplyFindingDiffAsync("t1", digest, d)));

        var findings = await store.GetFindingsAsync("t1", digest);
        Assert.Equal(diffs.Select(d => d.Added[0].Id).Order(), findings.Select(f => f.Id).Order());
        var image = await store.GetImageAsync("t1", digest);
        Assert.Equal(1 + diffs.Count, image!.Revision);
        Assert.Equal(4, image.FindingCounts[Severities.Critical]);
    }

    [Fact]
    public async Task Batch_writes_retry_unprocessed_items_until_all_are_stored()
    {
        using var flaky = new ThrottlingDynamoDbClient(server.CreateClient(), acceptPerCall: 7);
        var store = await server.NewStoreAsync("throttle", flaky);
        var analysis = Samples.Analysis("t1", Samples.Digest(4), packages: 300);
        await store.SaveAnalysisAsync(analysis);

        Assert.True(store.UnprocessedRetries > 0, "the throttling client handed items back; the store must have retried them");
        Assert.Equal(300, (await store.GetPackagesAsync("t1", Samples.Digest(4))).Count);
        foreach (var key in analysis.IndexKeys)
            Assert.Single(await store.FindImagesByPackageAsync(key));
    }

    internal static UploadRecord Upload(string tenant, string id) => new()
    {
        TenantId = tenant, UploadId = id, ImageDigest = Samples.Digest(1), SbomSha256 = new string('c', 64),
        Status = UploadStatuses.Queued, CreatedAt = T0, UpdatedAt = T0,
    };

    private async Task<List<Dictionary<string, AttributeValue>>> RawPartitionAsync(DynamoDbScoutStore store, string pk)
    {
        using var client = server.CreateClient();
        var items = new List<Dictionary<string, AttributeValue>>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await client.QueryAsync(new QueryRequest
            {
                TableName = store.TableName, KeyConditionExpression = "PK = :pk",
                ExpressionAttributeValues = new() { [":pk"] = new AttributeValue { S = pk } }, ExclusiveStartKey = start,
            });
            items.AddRange(page.Items ?? []);
            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        } while (start is not null);
        return items;
    }
}
