using Amazon.DynamoDBv2.Model;
using Scout.Core.Model;
using Scout.Core.Serialization;

namespace Scout.Storage.DynamoDb;

// ITrendStore: partition T#{tenant}#TREND, one item per day (SK DAY#yyyy-MM-dd, a few hundred bytes). Days before the
// window are deleted by the write that records a new one, so a partition holds at most the retention window.
public sealed partial class DynamoDbScoutStore
{
    private const string DayPrefix = "DAY#";

    public async Task SaveTrendSnapshotAsync(TrendSnapshot snapshot, string keepFromDay, CancellationToken ct = default)
    {
        var pk = Keys.TenantPrefix(snapshot.TenantId) + "TREND";
        await table.Client.PutItemAsync(new PutItemRequest
        {
            TableName = table.TableName,
            Item = new()
            {
                [Keys.Pk] = Codec.S(pk), [Keys.Sk] = Codec.S(DayPrefix + snapshot.Day), [Keys.EntityType] = Codec.S("trend"),
                ["body"] = Codec.S(ScoutJson.Serialize(snapshot)),
            },
        }, ct);
        var stale = new List<WriteRequest>();
        await foreach (var item in table.QueryAsync(new QueryRequest
        {
            KeyConditionExpression = "PK = :pk AND SK BETWEEN :from AND :before",
            ExpressionAttributeValues = new() { [":pk"] = Codec.S(pk), [":from"] = Codec.S(DayPrefix), [":before"] = Codec.S(DayPrefix + keepFromDay) },
            ProjectionExpression = "PK, SK",
            ConsistentRead = true,
        }, ct))
            if (item.GetS(Keys.Sk) is { } sk && string.CompareOrdinal(sk, DayPrefix + keepFromDay) < 0) stale.Add(TableClient.Delete(pk, sk));
        if (stale.Count > 0) await table.WriteAllAsync(stale, ct);
    }

    public async Task<IReadOnlyList<TrendSnapshot>> GetTrendSnapshotsAsync(string tenantId, string fromDay, CancellationToken ct = default)
    {
        var list = new List<TrendSnapshot>();
        await foreach (var item in table.QueryAsync(new QueryRequest
        {
            KeyConditionExpression = "PK = :pk AND SK >= :from",
            ExpressionAttributeValues = new() { [":pk"] = Codec.S(Keys.TenantPrefix(tenantId) + "TREND"), [":from"] = Codec.S(DayPrefix + fromDay) },
            ConsistentRead = true,
        }, ct))
            list.Add(ScoutJson.Deserialize<TrendSnapshot>(item.GetS("body")!));
        return list;
    }
}
