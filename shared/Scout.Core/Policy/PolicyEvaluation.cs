using System.Text.Json;
using Scout.Core.Model;
using Scout.Core.Ports;
using Scout.Core.UseCases;

namespace Scout.Core.Policy;

/// <summary>
/// Evaluates and stores an image's policy results: after each analysis and re-overlay (through
/// <see cref="ImageChangeHandler"/>) and for all of a tenant's images when the tenant's policy changes.
/// </summary>
public sealed class PolicyEvaluation(IScoutStore store, IBaseImageSource? baseImages, IClock clock)
{
    /// <summary>Returns the previous stored results (null if none) and the new ones; null when the image is not the tenant's.</summary>
    public async Task<(ImagePolicyResults? Previous, ImagePolicyResults Current)?> EvaluateAsync(string tenantId, string digest, CancellationToken ct = default)
    {
        var image = await store.GetImageAsync(tenantId, digest, ct);
        if (image is null) return null;
        var config = await store.GetPolicyConfigAsync(tenantId, ct) ?? new PolicyConfig();
        var input = new PolicyInput(
            await store.GetPackagesAsync(tenantId, digest, ct),
            await store.GetFindingsAsync(tenantId, digest, ct),
            await AttestedAsync(image, ct),
            baseImages is null ? null : await baseImages.GetAdviceAsync(tenantId, digest, ct));
        var previous = await store.GetPolicyResultsAsync(tenantId, digest, ct);
        var current = new ImagePolicyResults(digest, PolicyEvaluator.Evaluate(config, input), clock.UtcNow);
        await store.SavePolicyResultsAsync(tenantId, current, ct);
        return (previous, current);
    }

    /// <summary>Re-evaluates every image of the tenant (after PUT /v1/policy); returns how many were evaluated.</summary>
    public async Task<int> EvaluateTenantAsync(string tenantId, Func<ImagePolicyResults?, ImagePolicyResults, Task>? changed = null, CancellationToken ct = default)
    {
        var count = 0;
        string? token = null;
        do
        {
            var page = await store.ListImagesAsync(tenantId, 200, token, ct);
            foreach (var image in page.Items)
            {
                if (await EvaluateAsync(tenantId, image.Image.Digest, ct) is { } r && changed is not null) await changed(r.Previous, r.Current);
                count++;
            }
            token = page.NextPageToken;
        } while (token != null);
        return count;
    }

    /// <summary>The upload that produced the stored analysis is found by its derived id (UploadImage.UploadIdFor).</summary>
    private async Task<bool?> AttestedAsync(StoredImage image, CancellationToken ct)
    {
        var packed = await store.GetUploadDocumentAsync(image.TenantId, UploadImage.UploadIdFor(image.TenantId, image.Image.Digest, image.SbomSha256, UploadImage.MetadataSha256(image.Image)), ct);
        return packed is null ? null : AttestationSniffer.IsAttestation(UploadDocument.Unpack(packed).Sbom);
    }

    /// <summary>Which policies changed status between two evaluations (a new result counts as a change only from a previous one).</summary>
    public static IReadOnlyList<(string Policy, string From, string To)> Flips(ImagePolicyResults? previous, ImagePolicyResults current)
    {
        if (previous is null) return [];
        var before = previous.Results.ToDictionary(r => r.Policy, r => r.Status);
        return [.. current.Results.Where(r => before.TryGetValue(r.Policy, out var s) && s != r.Status).Select(r => (r.Policy, before[r.Policy], r.Status))];
    }
}

/// <summary>Whether an uploaded SBOM came wrapped as an in-toto statement or a DSSE envelope (what the normalizer unwraps).</summary>
public static class AttestationSniffer
{
    public static bool IsAttestation(ReadOnlyMemory<byte> document)
    {
        var span = document.Span;
        var start = 0;
        while (start < span.Length && (span[start] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' || span[start] == 0xEF || span[start] == 0xBB || span[start] == 0xBF)) start++;
        if (start >= span.Length || span[start] != (byte)'{') return false;
        try
        {
            var reader = new Utf8JsonReader(span[start..], new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            reader.Read();
            bool payloadType = false, payload = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                if (name == "_type" && reader.TokenType == JsonTokenType.String && reader.GetString()!.Contains("in-toto.io/Statement", StringComparison.Ordinal)) return true;
                if (name == "payloadType") payloadType = true;
                if (name == "payload") payload = true;
                if (payloadType && payload) return true;
                reader.Skip();
            }
            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
