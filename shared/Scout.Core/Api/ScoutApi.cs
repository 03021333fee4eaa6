using Scout.Core.Model;
using Scout.Core.Ports;
using Scout.Core.Serialization;
using Scout.Core.UseCases;

namespace Scout.Core.Api;

/// <summary>What the handlers need; the composition root fills it. Optional parts answer 501 until wired.</summary>
public sealed record ScoutApiServices(IScoutStore Store, ApiKeys Keys, UploadImage Upload, UploadLimits Limits, IClock Clock)
{
    /// <summary>Local analysis: purls and layer digests in, {packages, findings, warnings} out; writes nothing.</summary>
    public ILocalAnalyzer? LocalAnalysis { get; init; }
    /// <summary>Re-matches one stored image (after a VEX document is attached).</summary>
    public IImageRematch? Rematch { get; init; }
    /// <summary>Reads a VEX document completely, throwing <see cref="InputException"/> on the first fault: nothing is stored before it passes.</summary>
    public Action<VexDocumentRecord>? ValidateVex { get; init; }
    /// <summary>CycloneDX / SPDX export of a stored image.</summary>
    public ISbomExporter? SbomExporter { get; init; }
    /// <summary>The ecosystems' native version orders (Scout.Versions behind a port), for compare and fix
    /// recommendations (null: compare answers 501, recommendations have no package upgrades).</summary>
    public IVersionOrder? VersionOrder { get; init; }
    /// <summary>Base image facts and recommendations (null until the base-image feature is wired: compare shows null, the policy unknown).</summary>
    public IBaseImageSource? BaseImages { get; init; }
    /// <summary>Policy evaluation (GET /v1/images/{digest}/policy evaluates an image never evaluated; PUT /v1/policy re-evaluates the tenant).</summary>
    public Policy.PolicyEvaluation? Policy { get; init; }
    /// <summary>Told about each re-evaluation after a policy change (policy.changed notifications).</summary>
    public Func<ImageRef, ImagePolicyResults?, ImagePolicyResults, CancellationToken, Task>? PolicyEvaluated { get; init; }
    /// <summary>Webhook key and SSRF allow list (null: webhooks cannot be created).</summary>
    public Webhooks.WebhookSettings? Webhooks { get; init; }
    /// <summary>How often the advisory feed is polled on this deployment (GET /v1/advisories/status judges staleness by it).</summary>
    public TimeSpan AdvisoryPollInterval { get; init; } = TimeSpan.FromMinutes(1);
}

public sealed record LocalAnalysisInput(IReadOnlyList<string> Purls, IReadOnlyList<string> LayerDigests)
{
    /// <summary>The caller: base images are looked up in its own images and the catalogs.</summary>
    public string? TenantId { get; init; }
}

/// <summary>The HTTP API of DESIGN.md section 5: one router and set of handlers, called by every host.</summary>
public sealed partial class ScoutApi(ScoutApiServices services)
{
    private IScoutStore Store => services.Store;
    private static ScoutJsonContext Json => ScoutJsonContext.Default;

    public async Task<ApiResponse> HandleAsync(ApiRequest request, CancellationToken ct = default)
    {
        try
        {
            return await RouteAsync(request, ct);
        }
        catch (ApiError e)
        {
            return e.ToResponse();
        }
        catch (InputException e)
        {
            return ApiError.FromInput(e);
        }
    }

    private async Task<ApiResponse> RouteAsync(ApiRequest request, CancellationToken ct)
    {
        var segments = request.Path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var method = request.Method.ToUpperInvariant();
        switch (segments)
        {
            case ["healthz"]:
                Allow(request, method, "GET", "HEAD");
                return JsonAnswers.Json(200, new HealthView("ok"), Json.HealthView);
            case ["openapi.json"]:
                Allow(request, method, "GET");
                return new ApiResponse(200, "application/json", OpenApiDocument.Utf8);
            case [] or ["ui", ..]:
                return ServeDashboard(request, method, segments);
        }
        if (segments is not ["v1", ..]) throw ApiError.NotFound($"no resource at {request.Path}");
        var tenant = await AuthenticateAsync(request, ct);
        CheckResourceIds(segments, request);
        request = await RequestBody.ReadAsync(request, services.Limits, ct); // auth first: an anonymous body is never read
        return segments[1..] switch
        {
            ["images"] when method == "POST" => await UploadAsync(tenant, request, ct),
            ["images"] => Get(request, method) ?? await ListImagesAsync(tenant, request, ct),
            ["uploads", var id] => Get(request, method) ?? await GetUploadAsync(tenant, id, ct),
            ["images", var digest] => Get(request, method) ?? await GetImageAsync(tenant, digest, ct),
            ["images", var digest, "packages"] => Get(request, method) ?? await GetPackagesAsync(tenant, digest, request, ct),
            ["images", var digest, "findings"] => Get(request, method) ?? await GetFindingsAsync(tenant, digest, request, ct),
            ["images", var digest, "recommendations"] => Get(request, method) ?? await GetRecommendationsAsync(tenant, digest, ct),
            ["images", var a, "compare", var b] => Get(request, method) ?? await CompareAsync(tenant, a, b, request, ct),
            ["images", var digest, "policy"] => Get(request, method) ?? await GetImagePolicyAsync(tenant, digest, ct),
            ["policy"] => await PolicyConfigAsync(tenant, request, method, ct),
            ["webhooks"] => await WebhooksAsync(tenant, request, method, ct),
            ["webhooks", var id] => await DeleteWebhookAsync(tenant, id, request, method, ct),
            ["webhooks", var id, "deliveries"] => Get(request, method) ?? await ListDeliveriesAsync(tenant, id, ct),
            ["images", var digest, "sbom"] => Get(request, method) ?? await ExportSbomAsync(tenant, digest, request, ct),
            ["images", var digest, "vex"] => Post(request, method) ?? await AttachVexAsync(tenant, digest, request, ct),
            ["analyze", "local"] => Post(request, method) ?? await AnalyzeLocalAsync(tenant, request, ct),
            ["environments"] when method == "GET" => await ListEnvironmentsAsync(tenant, ct),
            ["environments"] => Post(request, method) ?? await AddEnvironmentAsync(tenant, request, ct),
            ["trend"] => Get(request, method) ?? await GetTrendAsync(tenant, request, ct),
            ["advisories", "status"] => Get(request, method) ?? await GetFeedStatusAsync(ct),
            ["overview"] => Get(request, method) ?? await GetOverviewAsync(tenant, ct),
            ["advisories", var id, "images"] => Get(request, method) ?? await GetAdvisoryImagesAsync(tenant, id, request, ct),
            ["advisories", var id] => Get(request, method) ?? await GetAdvisoryAsync(id, request, ct),
            _ => throw ApiError.NotFound($"no resource at {request.Path}"),
        };
    }

    private static ApiResponse? Get(ApiRequest request, string method) { Allow(request, method, "GET"); return null; }

    private static ApiResponse? Post(ApiRequest request, string method) { Allow(request, method, "POST"); return null; }

    private static void Allow(ApiRequest request, string method, params string[] allowed)
    {
        if (!allowed.Contains(method)) throw ApiError.MethodNotAllowed(method, request.Path);
    }

    private async Task<TenantRecord> AuthenticateAsync(ApiRequest request, CancellationToken ct)
    {
        if (!request.Headers.TryGetValue("Authorization", out var header)) throw ApiError.Unauthorized();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) throw ApiError.Unauthorized();
        return await services.Keys.AuthenticateAsync(header[scheme.Length..].Trim(), ct) ?? throw ApiError.Unauthorized();
    }

    private async Task<ApiResponse> UploadAsync(TenantRecord tenant, ApiRequest request, CancellationToken ct)
    {
        var body = RequestBody.Decode(request, services.Limits);
        var result = await services.Upload.ExecuteAsync(tenant.TenantId, body, ct);
        var id = result.Upload.UploadId;
        return JsonAnswers.Json(202, new UploadAccepted(id, $"/v1/uploads/{id}", result.Created), Json.UploadAccepted);
    }

    private async Task<ApiResponse> GetUploadAsync(TenantRecord tenant, string id, CancellationToken ct)
    {
        var upload = await Store.GetUploadAsync(tenant.TenantId, id, ct) ?? throw ApiError.NotFound($"no upload {id}");
        return JsonAnswers.Json(200, ImageViews.Upload(upload), Json.UploadStatusView);
    }

    private async Task<ApiResponse> ListImagesAsync(TenantRecord tenant, ApiRequest request, CancellationToken ct)
    {
        var page = await Store.ListImagesAsync(tenant.TenantId, Limit(request, 50, 500), PageToken(request), ct);
        return JsonAnswers.Json(200, new ImageListView([.. page.Items.Select(ImageViews.Summary)], page.NextPageToken), Json.ImageListView);
    }

    private async Task<StoredImage> RequireImageAsync(TenantRecord tenant, string digest, CancellationToken ct) =>
        // Another tenant's image is "not found", never "forbidden": existence is not revealed.
        await Store.GetImageAsync(tenant.TenantId, digest, ct) ?? throw ApiError.NotFound($"no image {digest}");

    private async Task<ApiResponse> GetImageAsync(TenantRecord tenant, string digest, CancellationToken ct)
    {
        var image = await RequireImageAsync(tenant, digest, ct);
        var environments = await Store.GetEnvironmentsAsync(tenant.TenantId, digest, ct);
        // A failed re-overlay is a warning on the image until a later one succeeds (issue #11).
        if (await Store.GetReoverlayIssueAsync(tenant.TenantId, digest, ct) is { } issue)
            image = image with { Warnings = [.. image.Warnings, new SbomWarning("reoverlay", issue)] };
        return JsonAnswers.Json(200, ImageViews.Detail(image, environments, await BaseDetailAsync(tenant, image, ct)), ScoutJson.TypeInfo<ImageDetailView>(ScoutJson.WithNulls));
    }

    private async Task<ApiResponse> GetPackagesAsync(TenantRecord tenant, string digest, ApiRequest request, CancellationToken ct)
    {
        await RequireImageAsync(tenant, digest, ct);
        var all = (await AttributedAsync(tenant, digest, ct)).Packages;
        var (items, next) = Slice(all, request, 1000, 10000);
        return JsonAnswers.Json(200, new PackagePage(items, all.Count, next), Json.PackagePage);
    }

    private async Task<ApiResponse> GetFindingsAsync(TenantRecord tenant, string digest, ApiRequest request, CancellationToken ct)
    {
        await RequireImageAsync(tenant, digest, ct);
        IEnumerable<Finding> findings = (await AttributedAsync(tenant, digest, ct)).Findings;
        if (request.Query.TryGetValue("kind", out var kind)) findings = findings.Where(f => f.Kind == kind);
        if (request.Query.TryGetValue("severity", out var severity)) findings = findings.Where(f => f.Severity == severity);
        var list = findings.OrderByDescending(f => Severities.Rank(f.Severity)).ThenBy(f => f.Id, StringComparer.Ordinal).ToList();
        var (items, next) = Slice(list, request, 1000, 10000);
        return JsonAnswers.Json(200, new FindingPage(items, list.Count, next), Json.FindingPage);
    }

    /// <summary>
    /// The OSV record as published. Sources publish records under the same bare id (Debian's, Alpine's and DHI's
    /// CVE-…), and each is kept: one record is answered as itself (an OSV object, as always); several are answered as
    /// a JSON array of the records ordered by source, never merged, since each source's ranges are about its own
    /// packages. `?source=` picks one source's record.
    /// </summary>
    private async Task<ApiResponse> GetAdvisoryAsync(string id, ApiRequest request, CancellationToken ct)
    {
        var records = await Store.GetAdvisoriesByIdAsync(id, ct);
        if (request.Query.TryGetValue("source", out var source)) records = records.Where(a => a.SourceKey == source).ToList();
        if (records.Count == 0) throw ApiError.NotFound($"no advisory {id}" + (source == null ? "" : $" from source {source}"));
        var body = records.Count == 1 ? records[0].Json : "[" + string.Join(",", records.Select(a => a.Json)) + "]";
        return new ApiResponse(200, "application/json", System.Text.Encoding.UTF8.GetBytes(body));
    }

    private static int Limit(ApiRequest request, int fallback, int max)
    {
        if (!request.Query.TryGetValue("limit", out var text)) return fallback;
        if (!int.TryParse(text, out var limit) || limit < 1 || limit > max)
            throw ApiError.BadRequest($"limit: expected a whole number from 1 to {max}");
        return limit;
    }

    private static string? PageToken(ApiRequest request) => request.Query.TryGetValue("pageToken", out var t) && t.Length > 0 ? t : null;

    private static (IReadOnlyList<T> Items, string? Next) Slice<T>(IReadOnlyList<T> all, ApiRequest request, int fallback, int max)
    {
        var limit = Limit(request, fallback, max);
        var offset = 0;
        if (PageToken(request) is { } token && (!int.TryParse(token, out offset) || offset < 0))
            throw ApiError.BadRequest("pageToken: not a token this API issued");
        var items = all.Skip(offset).Take(limit).ToList();
        return (items, offset + limit < all.Count ? (offset + limit).ToString() : null);
    }
}
