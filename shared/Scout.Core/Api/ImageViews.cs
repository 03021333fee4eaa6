using Scout.Core.Model;

namespace Scout.Core.Api;

/// <summary>Response shapes: image fields under the upload envelope's names (DESIGN.md section 5).</summary>
public static class ImageViews
{
    public static ImageDetailView Detail(StoredImage stored, IReadOnlyList<EnvironmentRecord> environments) => new(
        Digest: stored.Image.Digest,
        CreatedAt: stored.Image.CreatedAt,
        ExposedPorts: stored.Image.ExposedPorts,
        Env: [.. stored.Image.Env.Select(e => new EnvVarView(e.Name, e.Value))],
        Labels: stored.Image.Labels,
        Layers: stored.Image.Layers,
        Architecture: stored.Image.Architecture,
        Os: new OsView(stored.Image.Os?.Type, stored.Image.Os?.Version),
        Registry: Registry(stored),
        Sbom: new SbomView(stored.SbomFormat, stored.SbomSpecVersion, stored.SbomSha256,
            new SbomOsView(stored.SbomOs?.Id, stored.SbomOs?.Version), stored.TotalPackages),
        PackageCount: stored.PackageCount,
        FindingCounts: stored.FindingCounts,
        Environments: [.. environments.Select(e => new EnvironmentView(e.Namespace, e.WorkloadName, e.WorkloadType, e.SeenAt))],
        Warnings: stored.Warnings,
        AnalyzedAt: stored.AnalyzedAt);

    public static ImageSummaryView Summary(StoredImage stored) => new(
        stored.Image.Digest, stored.Image.CreatedAt, Registry(stored), stored.PackageCount, stored.FindingCounts, stored.AnalyzedAt)
    {
        Os = stored.Image.Os is { } os ? new OsView(os.Type, os.Version) : null,
    };

    public static UploadStatusView Upload(UploadRecord upload) => new(
        upload.UploadId, upload.Status, upload.Reason, upload.ImageDigest, upload.SbomSha256, upload.CreatedAt, upload.UpdatedAt,
        Image: upload.Status == UploadStatuses.Done ? $"/v1/images/{upload.ImageDigest}" : null);

    private static RegistryView Registry(StoredImage stored) => new(stored.Image.Registry?.Url, stored.Image.Registry?.Type);
}
