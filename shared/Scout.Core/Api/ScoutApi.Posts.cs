using System.Security.Cryptography;
using System.Text.Json;
using Scout.Core.Model;
using Scout.Core.UseCases;

namespace Scout.Core.Api;

public sealed partial class ScoutApi
{
    private JsonDocument ParseJson(ApiRequest request, string what) => ParseJson(RequestBody.Decode(request, services.Limits), what);

    private JsonDocument ParseJson(ReadOnlyMemory<byte> body, string what)
    {
        try
        {
            var doc = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = services.Limits.MaxJsonDepth });
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                doc.Dispose();
                throw ApiError.BadRequest($"body: expected a JSON object ({what})");
            }
            return doc;
        }
        catch (JsonException e)
        {
            throw ApiError.BadRequest($"body: not valid JSON ({e.Message.Split('.')[0]})");
        }
    }

    private async Task<ApiResponse> AnalyzeLocalAsync(TenantRecord tenant, ApiRequest request, CancellationToken ct)
    {
        using var doc = ParseJson(request, "{purls, layerDigests}");
        var root = doc.RootElement;
        // Privacy: local analysis receives only purls and layer digests; anything else is refused, not ignored.
        foreach (var p in root.EnumerateObject())
            if (p.Name is not ("purls" or "layerDigests"))
                throw ApiError.BadRequest($"{p.Name}: not accepted; local analysis takes only purls and layerDigests");
        var limits = services.Limits;
        var purls = StringArray(root, "purls", required: true, max: limits.MaxLocalPurls);
        if (purls.Count == 0) throw ApiError.BadRequest("purls: at least one purl is required");
        for (var i = 0; i < purls.Count; i++)
            if (System.Text.Encoding.UTF8.GetByteCount(purls[i]) > limits.MaxPurlBytes)
                throw ApiError.BadRequest($"purls[{i}]: longer than {limits.MaxPurlBytes} bytes");
        var layers = StringArray(root, "layerDigests", required: false, max: 1024);
        for (var i = 0; i < layers.Count; i++)
            if (!UploadEnvelopeParser.DigestPattern().IsMatch(layers[i]))
                throw ApiError.BadRequest($"layerDigests[{i}]: expected a digest like sha256:<64 hex>");
        var analyze = services.LocalAnalysis ?? throw new ApiError(501, "not_implemented", "local analysis is not available on this host");
        return JsonAnswers.Json(200, LocalAnalysisBounds.Apply(await analyze.AnalyzeAsync(new LocalAnalysisInput(purls, layers) { TenantId = tenant.TenantId }, ct), limits), Json.LocalAnalysisView);
    }

    private static List<string> StringArray(JsonElement root, string name, bool required, int max)
    {
        var list = new List<string>();
        if (!root.TryGetProperty(name, out var array) || array.ValueKind == JsonValueKind.Null)
            return required ? throw ApiError.BadRequest($"{name}: required") : list;
        if (array.ValueKind != JsonValueKind.Array) throw ApiError.BadRequest($"{name}: expected an array of strings");
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String) throw ApiError.BadRequest($"{name}[{list.Count}]: expected a string");
            list.Add(item.GetString()!);
            if (list.Count > max) throw ApiError.BadRequest($"{name}: more than {max} entries");
        }
        return list;
    }

    private async Task<ApiResponse> AddEnvironmentAsync(TenantRecord tenant, ApiRequest request, CancellationToken ct)
    {
        using var doc = ParseJson(request, "{namespace, workloadName, workloadType, imageDigest}");
        var root = doc.RootElement;
        foreach (var p in root.EnumerateObject())
            if (p.Name is not ("namespace" or "workloadName" or "workloadType" or "imageDigest"))
                throw ApiError.BadRequest($"{p.Name}: unknown field (expected namespace, workloadName, workloadType, imageDigest)");
        var env = UploadEnvelopeParser.ParseEnvironment(root, "body");
        var digest = root.TryGetProperty("imageDigest", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()! : "";
        if (!UploadEnvelopeParser.DigestPattern().IsMatch(digest)) throw ApiError.BadRequest("imageDigest: required, a digest like sha256:<64 hex>");
        var record = new EnvironmentRecord
        {
            Namespace = env.Namespace, WorkloadName = env.WorkloadName, WorkloadType = env.WorkloadType, ImageDigest = digest,
            SeenAt = services.Clock.UtcNow,
        };
        await Store.AddEnvironmentAsync(tenant.TenantId, record, ct);
        var known = await Store.GetImageAsync(tenant.TenantId, digest, ct) is not null;
        return JsonAnswers.Json(201, new EnvironmentLinked(env.Namespace, env.WorkloadName, env.WorkloadType, digest, known), Json.EnvironmentLinked);
    }

    private async Task<ApiResponse> AttachVexAsync(TenantRecord tenant, string digest, ApiRequest request, CancellationToken ct)
    {
        await RequireImageAsync(tenant, digest, ct);
        var limits = services.Limits;
        var body = RequestBody.Decode(request, limits);
        if (body.Length > limits.MaxVexBytes)
            throw new PayloadTooLargeException($"body: a VEX document of {body.Length} bytes exceeds the {limits.MaxVexBytes}-byte limit");
        using var doc = ParseJson(body, "an OpenVEX or CycloneDX VEX document");
        var format = VexFormatOf(doc.RootElement)
            ?? throw ApiError.BadRequest("body: not an OpenVEX document (@context openvex, statements) nor CycloneDX VEX (bomFormat CycloneDX, vulnerabilities)");
        var id = "vex_" + Convert.ToHexString(SHA256.HashData(body.Span))[..24].ToLowerInvariant();
        var record = new VexDocumentRecord(id, format, System.Text.Encoding.UTF8.GetString(body.Span), services.Clock.UtcNow);
        services.ValidateVex?.Invoke(record);   // a 400 stores nothing: a stored document that cannot be read would fail every later re-overlay
        var attached = await Store.GetVexAsync(tenant.TenantId, digest, ct);
        if (attached.Count >= limits.MaxVexDocuments && !attached.Any(d => d.DocumentId == id))
            throw new ApiError(409, "limit_reached", $"image {digest} already has {attached.Count} VEX documents (limit {limits.MaxVexDocuments})");
        await Store.AddVexAsync(tenant.TenantId, digest, record, ct);
        if (services.Rematch is { } rematch) await rematch.RematchAsync(new ImageRef(tenant.TenantId, digest), ct);
        return JsonAnswers.Json(200, new VexAttached(id, format, $"/v1/images/{digest}/findings"), Json.VexAttached);
    }

    private static string? VexFormatOf(JsonElement root)
    {
        if (root.TryGetProperty("@context", out var context) && context.ValueKind == JsonValueKind.String
            && context.GetString()!.Contains("openvex", StringComparison.OrdinalIgnoreCase)
            && root.TryGetProperty("statements", out var statements) && statements.ValueKind == JsonValueKind.Array)
            return "openvex";
        if (root.TryGetProperty("bomFormat", out var bomFormat) && bomFormat.ValueKind == JsonValueKind.String && bomFormat.GetString() == "CycloneDX"
            && root.TryGetProperty("vulnerabilities", out var vulns) && vulns.ValueKind == JsonValueKind.Array)
            return "cyclonedx";
        return null;
    }
}
