using Scout.Core.Ports;

namespace Scout.Core.Api;

// GET /v1/images/{digest}/sbom?format=cyclonedx|spdx (DESIGN.md section 8): the stored packages as a standard SBOM.
public sealed partial class ScoutApi
{
    private async Task<ApiResponse> ExportSbomAsync(Model.TenantRecord tenant, string digest, ApiRequest request, CancellationToken ct)
    {
        var format = request.Query.TryGetValue("format", out var f) ? f : SbomExportFormats.CycloneDx;
        if (!SbomExportFormats.All.Contains(format))
            throw ApiError.BadRequest($"format: expected {string.Join(" or ", SbomExportFormats.All)}, not '{format}'");
        var image = await RequireImageAsync(tenant, digest, ct);
        var exporter = services.SbomExporter ?? throw new ApiError(501, "not_implemented", "SBOM export is not available on this host");
        var packages = await Store.GetPackagesAsync(tenant.TenantId, digest, ct);
        var document = exporter.Export(new SbomExportInput(image.Image, image.SbomOs, packages, image.SbomSha256, image.AnalyzedAt), format);
        return new ApiResponse(200, SbomExportFormats.ContentType(format), document);
    }
}
