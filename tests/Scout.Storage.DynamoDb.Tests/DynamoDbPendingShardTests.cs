using Amazon.DynamoDBv2.Model;
using Scout.Core.Model;

namespace Scout.Storage.DynamoDb.Tests;

/// <summary>The pending-uploads index is spread over GSI1 shards, and listing still returns every pending upload.</summary>
[Collection(DynamoDbLocalCollection.Name)]
public sealed class DynamoDbPendingShardTests(DynamoDbLocalFixture server)
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 5, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Pending_uploads_are_spread_over_shards_and_all_listed_oldest_first()
    {
        var store = await server.NewStoreAsync("pending-shards");
        var ids = Enumerable.Range(0, 64).Select(i => $"u{i:D2}").ToList();
        foreach (var (id, i) in ids.Select((id, i) => (id, i)))
            await store.CreateUploadAsync(DynamoDbStoreTests.Upload(i % 2 == 0 ? "t1" : "t2", id) with { CreatedAt = T0.AddSeconds(i) }, [1]);

        var partitions = (await ScanPendingKeysAsync(store)).Select(k => k.Pk).ToList();
        Assert.Equal(64, partitions.Count);
        Assert.All(partitions, p => Assert.Matches("^PENDING#[0-9]{2}$", p));
        Assert.True(partitions.Distinct().Count() >= 8, $"64 uploads landed in only {partitions.Distinct().Count()} index partitions");

        var listed = await store.ListPendingUploadsAsync();
        Assert.Equal(ids, listed.Select(u => u.UploadId));
        Assert.Equal(ids.Select((_, i) => i % 2 == 0 ? "t1" : "t2"), listed.Select(u => u.TenantId));
    }

    [Fact]
    public async Task An_upload_keeps_its_shard_through_status_changes_and_leaves_it_when_final()
    {
        var store = await server.NewStoreAsync("pending-moves");
        await store.CreateUploadAsync(DynamoDbStoreTests.Upload("t1", "u1"), [1]);
        var before = Assert.Single(await ScanPendingKeysAsync(store));
        await store.UpdateUploadStatusAsync("t1", "u1", UploadStatuses.Analyzing, null, T0.AddMinutes(1));
        Assert.Equal(before, Assert.Single(await ScanPendingKeysAsync(store)));
        Assert.Equal(UploadStatuses.Analyzing, Assert.Single(await store.ListPendingUploadsAsync()).Status);
        await store.UpdateUploadStatusAsync("t1", "u1", UploadStatuses.Done, null, T0.AddMinutes(2));
        Assert.Empty(await ScanPendingKeysAsync(store));
        Assert.Empty(await store.ListPendingUploadsAsync());
    }

    [Fact]
    public async Task An_upload_left_in_the_unsharded_partition_is_still_listed_and_moves_to_its_shard()
    {
        var store = await server.NewStoreAsync("pending-legacy");
        await store.CreateUploadAsync(DynamoDbStoreTests.Upload("t1", "old"), [1]);
        await store.CreateUploadAsync(DynamoDbStoreTests.Upload("t1", "new") with { CreatedAt = T0.AddSeconds(1) }, [1]);
        // As a store written before sharding left it: the pending entry in the single PENDING partition.
        using (var client = server.CreateClient())
            await client.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = store.TableName,
                Key = new() { ["PK"] = new AttributeValue { S = "T#t1#UPLOAD#old" }, ["SK"] = new AttributeValue { S = "META" } },
                UpdateExpression = "SET GSI1PK = :p",
                ExpressionAttributeValues = new() { [":p"] = new AttributeValue { S = "PENDING" } },
            });
        Assert.Contains(await ScanPendingKeysAsync(store), k => k.Pk == "PENDING");

        Assert.Equal(["old", "new"], (await store.ListPendingUploadsAsync()).Select(u => u.UploadId));
        await store.UpdateUploadStatusAsync("t1", "old", UploadStatuses.Analyzing, null, T0.AddMinutes(1));
        Assert.DoesNotContain(await ScanPendingKeysAsync(store), k => k.Pk == "PENDING");
        Assert.Equal(["old", "new"], (await store.ListPendingUploadsAsync()).Select(u => u.UploadId));
    }

    private async Task<List<(string Pk, string Sk)>> ScanPendingKeysAsync(DynamoDbScoutStore store)
    {
        using var client = server.CreateClient();
        var response = await client.ScanAsync(new ScanRequest
        {
            TableName = store.TableName,
            FilterExpression = "begins_with(GSI1PK, :p)",
            ExpressionAttributeValues = new() { [":p"] = new AttributeValue { S = "PENDING" } },
        });
        return response.Items.Select(i => (i["GSI1PK"].S, i["GSI1SK"].S)).ToList();
    }
}
