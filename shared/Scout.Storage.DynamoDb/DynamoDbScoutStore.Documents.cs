using Amazon.DynamoDBv2.Model;

namespace Scout.Storage.DynamoDb;

// Small per-tenant JSON documents (policy configuration and results, webhooks, deliveries): one item each under the
// tenant's partition prefix (Keys.TenantPrefix), so the LeadingKeys confinement of Keys.cs covers them too.
public sealed partial class DynamoDbScoutStore
{
    private static string DocumentPk(string tenantId, string kind) => Keys.TenantPrefix(tenantId) + "DOC#" + kind;

    private Task PutDocumentAsync(string tenantId, string kind, string key, string body, CancellationToken ct) =>
        table.Client.PutItemAsync(new PutItemRequest { TableName = table.TableName, Item = DocumentItem(tenantId, kind, key, body) }, ct);

    /// <summary>Writes only when absent; false when the key exists.</summary>
    private async Task<bool> CreateDocumentAsync(string tenantId, string kind, string key, string body, CancellationToken ct)
    {
        try
        {
            await table.Client.PutItemAsync(new PutItemRequest
            {
                TableName = table.TableName, Item = DocumentItem(tenantId, kind, key, body), ConditionExpression = "attribute_not_exists(PK)",
            }, ct);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    private async Task<string?> GetDocumentAsync(string tenantId, string kind, string key, CancellationToken ct) =>
        (await table.GetAsync(DocumentPk(tenantId, kind), "K#" + key, ct))?.GetS("body");

    private async Task<List<string>> ListDocumentsAsync(string tenantId, string kind, CancellationToken ct) =>
        [.. (await table.QueryPrefixAsync(DocumentPk(tenantId, kind), "K#", ct)).Select(i => i.GetS("body")!)];

    private async Task<bool> DeleteDocumentAsync(string tenantId, string kind, string key, CancellationToken ct)
    {
        var response = await table.Client.DeleteItemAsync(new DeleteItemRequest
        {
            TableName = table.TableName, Key = TableClient.Key(DocumentPk(tenantId, kind), "K#" + key), ReturnValues = "ALL_OLD",
        }, ct);
        return response.Attributes is { Count: > 0 };
    }

    private static Dictionary<string, AttributeValue> DocumentItem(string tenantId, string kind, string key, string body) => new()
    {
        [Keys.Pk] = Codec.S(DocumentPk(tenantId, kind)), [Keys.Sk] = Codec.S("K#" + key),
        [Keys.EntityType] = Codec.S("doc-" + kind), ["body"] = Codec.S(body),
    };
}
