using Scout.Core.Model;
using Scout.Core.Serialization;

namespace Scout.Storage.Sqlite;

public sealed partial class SqliteScoutStore
{
    private const string PolicyConfigKind = "policy-config", PolicyResultsKind = "policy-results";

    public Task<PolicyConfig?> GetPolicyConfigAsync(string tenantId, CancellationToken ct = default) =>
        Task.FromResult(GetDocument(tenantId, PolicyConfigKind, "config") is { } body ? ScoutJson.Deserialize(body, ScoutJsonContext.Default.PolicyConfig) : null);

    public Task SetPolicyConfigAsync(string tenantId, PolicyConfig config, CancellationToken ct = default)
    {
        PutDocument(tenantId, PolicyConfigKind, "config", ScoutJson.Serialize(config, ScoutJsonContext.Default.PolicyConfig));
        return Task.CompletedTask;
    }

    public Task SavePolicyResultsAsync(string tenantId, ImagePolicyResults results, CancellationToken ct = default)
    {
        PutDocument(tenantId, PolicyResultsKind, results.Digest, ScoutJson.Serialize(results, ScoutJsonContext.Default.ImagePolicyResults));
        return Task.CompletedTask;
    }

    public Task<ImagePolicyResults?> GetPolicyResultsAsync(string tenantId, string digest, CancellationToken ct = default) =>
        Task.FromResult(GetDocument(tenantId, PolicyResultsKind, digest) is { } body ? ScoutJson.Deserialize(body, ScoutJsonContext.Default.ImagePolicyResults) : null);
}
