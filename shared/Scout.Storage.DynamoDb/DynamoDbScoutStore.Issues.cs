using Amazon.DynamoDBv2.Model;

namespace Scout.Storage.DynamoDb;

/// <summary>The re-overlay issue of an image: one item "ISSUE#reoverlay" in the image's (tenant-prefixed) partition.</summary>
public sealed partial class DynamoDbScoutStore
{
    private const string ReoverlayIssueSk = "ISSUE#reoverlay";

    public async Task SetReoverlayIssueAsync(string tenantId, string digest, string? reason, DateTimeOffset at, CancellationToken ct = default)
    {
        var pk = Keys.Image(tenantId, digest);
        await table.WriteAllAsync([reason == null
            ? TableClient.Delete(pk, ReoverlayIssueSk)
            : TableClient.Put(new Dictionary<string, AttributeValue>
            {
                [Keys.Pk] = Codec.S(pk), [Keys.Sk] = Codec.S(ReoverlayIssueSk), [Keys.EntityType] = Codec.S("image-issue"),
                ["reason"] = Codec.S(reason), ["at"] = Codec.S(Codec.Time(at)),
            })], ct);
    }

    public async Task<string?> GetReoverlayIssueAsync(string tenantId, string digest, CancellationToken ct = default) =>
        (await table.GetAsync(Keys.Image(tenantId, digest), ReoverlayIssueSk, ct))?.GetS("reason");
}
