using Scout.Core.Model;
using Scout.Core.Serialization;

namespace Scout.Storage.Firestore;

public sealed partial class FirestoreScoutStore
{
    private const string PolicyConfigKind = "policy", PolicyResultsKind = "policyResults";

    public async Task<PolicyConfig?> GetPolicyConfigAsync(string tenantId, CancellationToken ct = default) =>
        await GetDocumentAsync(tenantId, PolicyConfigKind, "config", ct) is { } body ? ScoutJson.Deserialize(body, ScoutJsonContext.Default.PolicyConfig) : null;

    public Task SetPolicyConfigAsync(string tenantId, PolicyConfig config, CancellationToken ct = default) =>
        PutDocumentAsync(tenantId, PolicyConfigKind, "config", ScoutJson.Serialize(config, ScoutJsonContext.Default.PolicyConfig), ct);

    public Task SavePolicyResultsAsync(string tenantId, ImagePolicyResults results, CancellationToken ct = default) =>
        PutDocumentAsync(tenantId, PolicyResultsKind, results.Digest, ScoutJson.Serialize(results, ScoutJsonContext.Default.ImagePolicyResults), ct);

    public async Task<ImagePolicyResults?> GetPolicyResultsAsync(string tenantId, string digest, CancellationToken ct = default) =>
        await GetDocumentAsync(tenantId, PolicyResultsKind, digest, ct) is { } body ? ScoutJson.Deserialize(body, ScoutJsonContext.Default.ImagePolicyResults) : null;
}
