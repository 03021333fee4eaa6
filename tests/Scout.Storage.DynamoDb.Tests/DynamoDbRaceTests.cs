using Scout.Core.Model;
using Scout.Storage.DynamoDb;

namespace Scout.Storage.DynamoDb.Tests;

/// <summary>Optimistic versioning on DynamoDB Local: what happens when a re-overlay races a new upload.</summary>
[Collection(DynamoDbLocalCollection.Name)]
public sealed class DynamoDbRaceTests(DynamoDbLocalFixture server)
{
    [Fact]
    public async Task A_reoverlay_that_loses_to_a_new_analysis_is_dropped_and_the_new_analysis_stands()
    {
        var digest = Samples.Digest(11);
        var plain = await server.NewStoreAsync("race-upload");
        await plain.SaveAnalysisAsync(Samples.Analysis("t1", digest, packages: 10));
        var newUpload = Samples.Analysis("t1", digest, packages: 3, findings: [Samples.Vulnerability("CVE-2026-9999", "pkg:npm/x@1", Severities.Low)], seed: 5)
            with { SbomSha256 = new string('e', 64) };
        using var racing = new RacingDynamoDbClient(server.CreateClient(), () => plain.SaveAnalysisAsync(newUpload));
        var racer = new DynamoDbScoutStore(racing, new DynamoDbStoreOptions { TableName = plain.TableName });

        await racer.ApplyFindingDiffAsync("t1", digest, new FindingDiff([Samples.Vulnerability("CVE-2026-0001", "pkg:npm/y@1", Severities.Critical)], [], []));

        Assert.Equal(["CVE-2026-9999"], (await plain.GetFindingsAsync("t1", digest)).Select(f => f.Id));
        var image = await plain.GetImageAsync("t1", digest);
        Assert.Equal(new string('e', 64), image!.SbomSha256);
        Assert.Equal(2, image.Revision);
        Assert.Equal(0, image.FindingCounts[Severities.Critical]);
    }

    [Fact]
    public async Task A_reoverlay_that_loses_to_another_reoverlay_is_applied_on_top_of_it()
    {
        var digest = Samples.Digest(12);
        var plain = await server.NewStoreAsync("race-diff");
        await plain.SaveAnalysisAsync(Samples.Analysis("t1", digest, packages: 5, findings: []));
        var other = new FindingDiff([Samples.Vulnerability("CVE-2026-0002", "pkg:npm/z@1", Severities.Medium)], [], []);
        using var racing = new RacingDynamoDbClient(server.CreateClient(), () => plain.ApplyFindingDiffAsync("t1", digest, other));
        var racer = new DynamoDbScoutStore(racing, new DynamoDbStoreOptions { TableName = plain.TableName });

        await racer.ApplyFindingDiffAsync("t1", digest, new FindingDiff([Samples.Vulnerability("CVE-2026-0001", "pkg:npm/y@1", Severities.Critical)], [], []));

        Assert.Equal(["CVE-2026-0001", "CVE-2026-0002"], (await plain.GetFindingsAsync("t1", digest)).Select(f => f.Id).Order());
        Assert.Equal(3, (await plain.GetImageAsync("t1", digest))!.Revision);
    }

    [Fact]
    public async Task An_image_head_larger_than_an_item_is_chunked_too()
    {
        var store = await server.NewStoreAsync("big-head");
        var digest = Samples.Digest(13);
        var warnings = Enumerable.Range(0, 30_000).Select(i => new SbomWarning($"components[{i}]", $"no purl; {Guid.NewGuid()}")).ToList();
        await store.SaveAnalysisAsync(Samples.Analysis("t1", digest, packages: 2) with { Warnings = warnings });
        Assert.True((await store.Table.QueryPrefixAsync(Keys.Image("t1", digest), "BODY#", default)).Count > 1, "the head body must be chunked");
        var image = await store.GetImageAsync("t1", digest);
        Assert.Equal(warnings, image!.Warnings);
        Assert.Equal(digest, Assert.Single((await store.ListImagesAsync("t1", 10, null)).Items).Image.Digest);
    }
}
