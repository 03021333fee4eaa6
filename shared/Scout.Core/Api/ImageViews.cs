using Scout.Core.Model;

namespace Scout.Core.Api;

/// <summary>Response shapes: image fields under the upload envelope's names (DESIGN.md section 5).</summary>
public static class ImageViews
{
    public static object Detail(StoredImage stored, IReadOnlyList<EnvironmentRecord> environments) => new
    {
        digest = stored.Image.Digest,
        createdAt = stored.Image.CreatedAt,
        exposedPorts = stored.Image.ExposedPorts,
        env = stored.Image.Env.Select(e => new { name = e.Name, value = e.Value }),
        labels = stored.Image.Labels,
        layers = stored.Image.Layers,
        architecture = stored.Image.Architecture,
        os = new { type = stored.Image.Os?.Type, version = stored.Image.Os?.Version },
        registry = new { url = stored.Image.Registry?.Url, type = stored.Image.Registry?.Type },
        sbom = new
        {
            format = stored.SbomFormat, specVersion = stored.SbomSpecVersion, sha256 = stored.SbomSha256,
            os = new { id = stored.SbomOs?.Id, version = stored.SbomOs?.Version }, totalPackages = stored.TotalPackages,
        },
        packageCount = stored.PackageCount,
        findingCounts = stored.FindingCounts,
        environments = environments.Select(e => new
        {
            @namespace = e.Namespace, workloadName = e.WorkloadName, workloadType = e.WorkloadType, seenAt = e.SeenAt,
        }),
        warnings = stored.Warnings,
        analyzedAt = stored.AnalyzedAt,
    };

    public static object Summary(StoredImage stored) => new
    {
        digest = stored.Image.Digest,
        createdAt = stored.Image.CreatedAt,
        registry = new { url = stored.Image.Registry?.Url, type = stored.Image.Registry?.Type },
        packageCount = stored.PackageCount,
        findingCounts = stored.FindingCounts,
        analyzedAt = stored.AnalyzedAt,
    };

    public static object Upload(UploadRecord upload) => new
    {
        uploadId = upload.UploadId,
        status = upload.Status,
        reason = upload.Reason,
        imageDigest = upload.ImageDigest,
        sbomSha256 = upload.SbomSha256,
        createdAt = upload.CreatedAt,
        updatedAt = upload.UpdatedAt,
        image = upload.Status == UploadStatuses.Done ? $"/v1/images/{upload.ImageDigest}" : null,
    };
}
