using Scout.Core.Model;
using Scout.Core.Serialization;
using Scout.Core.UseCases;

namespace Scout.Core.Api;

// GET /v1/images/{a}/compare/{b} (DESIGN.md section 8): JSON by default, ?format=markdown for a pull request.
public sealed partial class ScoutApi
{
    private async Task<ApiResponse> CompareAsync(TenantRecord tenant, string before, string after, ApiRequest request, CancellationToken ct)
    {
        var format = request.Query.TryGetValue("format", out var f) ? f : "json";
        if (format is not ("json" or "markdown")) throw ApiError.BadRequest($"format: expected json or markdown, not '{format}'");
        var versions = services.VersionOrder ?? throw new ApiError(501, "not_implemented", "compare is not available on this host");
        var result = await new CompareImages(Store, versions, services.BaseImages).RunAsync(tenant.TenantId, before, after, ct)
            ?? throw ApiError.NotFound(await Store.GetImageAsync(tenant.TenantId, before, ct) is null ? $"no image {before}" : $"no image {after}");
        if (format == "markdown")
            return new ApiResponse(200, "text/markdown; charset=utf-8", System.Text.Encoding.UTF8.GetBytes(
                ComparisonMarkdown.Render(result.View, CompareImages.DisplayName(result.Before), CompareImages.DisplayName(result.After))));
        return JsonAnswers.Json(200, result.View, ScoutJson.TypeInfo<ImageComparisonView>(ScoutJson.WithNulls));
    }
}
