using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Scout.Core.Model;

namespace Scout.Storage.DynamoDb.Tests;

/// <summary>A save whose head publish loses to another save of the same image: nothing of the loser's generation stays.</summary>
[Collection(DynamoDbLocalCollection.Name)]
public sealed class DynamoDbSaveRaceTests(DynamoDbLocalFixture server)
{
    [Fact]
    public async Task A_save_that_loses_the_head_race_removes_its_chunks_retries_and_replaces_the_winner_as_a_unit()
    {
        var digest = Samples.Digest(21);
        var plain = await server.NewStoreAsync("save-race");
        var winner = Samples.Analysis("t1", digest, packages: 40, seed: 3) with { SbomSha256 = new string('c', 64) };
        var loser = Samples.Analysis("t1", digest, packages: 30, findings: [], seed: 4) with { SbomSha256 = new string('d', 64) };
        using var racing = new RacingDynamoDbClient(server.CreateClient(), () => plain.SaveAnalysisAsync(winner), RacingDynamoDbClient.Call.PutItem);
        var racer = new DynamoDbScoutStore(racing, new DynamoDbStoreOptions { TableName = plain.TableName });

        await racer.SaveAnalysisAsync(loser);

        var image = await plain.GetImageAsync("t1", digest);
        Assert.Equal(new string('d', 64), image!.SbomSha256);
        Assert.Equal(2, image.Revision);
        Assert.Equal(loser.Packages, await plain.GetPackagesAsync("t1", digest), PackageComparer.Instance);
        Assert.Empty(await plain.GetFindingsAsync("t1", digest));
        var items = await PartitionAsync(plain, Keys.Image("t1", digest));
        var generations = items.Select(i => i["SK"].S).Where(sk => !sk.StartsWith("IDX#", StringComparison.Ordinal))
            .Select(sk => sk.Split('#')[1]).Distinct().ToList();
        Assert.Single(generations); // the first attempt's chunks and the winner's are both gone
        Assert.Equal(loser.IndexKeys.Select(Keys.PackageIndexSk).Order(),
            items.Select(i => i["SK"].S).Where(sk => sk.StartsWith("IDX#", StringComparison.Ordinal)).Order());
    }

    private async Task<List<Dictionary<string, AttributeValue>>> PartitionAsync(DynamoDbScoutStore store, string pk)
    {
        using var client = server.CreateClient();
        var response = await client.QueryAsync(new QueryRequest
        {
            TableName = store.TableName, KeyConditionExpression = "PK = :pk",
            ExpressionAttributeValues = new() { [":pk"] = new AttributeValue { S = pk } },
        });
        return response.Items;
    }
}
