using System.Text.Json;
using System.Text.Json.Serialization;
using Scout.Core.Api;
using Scout.Core.Model;
using Scout.Core.Serialization;

namespace Scout.Core.Tests.Api;

/// <summary>
/// The Lambda bootstrap is Native AOT: only types the generated context describes can be serialized there. These
/// tests use the context alone (no reflection fallback), as the native binary does.
/// </summary>
public sealed class SourceGeneratedJsonTests
{
    private static readonly JsonSerializerOptions contextOnly = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        TypeInfoResolver = ScoutJsonContext.Default,
    };

    public static TheoryData<Type> ResponseTypes() =>
    [
        typeof(ErrorBody), typeof(HealthView), typeof(UploadAccepted), typeof(UploadStatusView), typeof(ImageDetailView),
        typeof(ImageSummaryView), typeof(ImageListView), typeof(PackagePage), typeof(FindingPage), typeof(LocalAnalysisView),
        typeof(VexAttached), typeof(EnvironmentLinked), typeof(StoredImage), typeof(PackageRecord), typeof(Finding),
        typeof(Scout.Core.Ports.AnalyzeImageMessage), typeof(Scout.Core.UseCases.RefreshSummary),
    ];

    [Theory]
    [MemberData(nameof(ResponseTypes))]
    public void Every_serialized_type_is_described_by_the_generated_context(Type type) =>
        Assert.NotNull(ScoutJsonContext.Default.GetTypeInfo(type));

    [Fact]
    public void Error_body_has_the_error_and_detail_names()
    {
        var json = JsonSerializer.Serialize(new ErrorBody("invalid_request", "body: required"), contextOnly);
        Assert.Equal("""{"error":"invalid_request","detail":"body: required"}""", json);
    }

    [Fact]
    public void Dependency_type_uses_its_wire_name_under_source_generation()
    {
        var json = JsonSerializer.Serialize(new PackageRecord { Name = "zlib", DependencyType = DependencyType.Transitive }, contextOnly);
        Assert.Contains("\"dependencyType\":\"transitive\"", json);
        Assert.Equal(DependencyType.Transitive, JsonSerializer.Deserialize<PackageRecord>(json, contextOnly)!.DependencyType);
    }

    [Fact]
    public void Image_detail_writes_every_field_even_when_null()
    {
        var stored = new StoredImage { TenantId = "t", Image = new ImageMetadata { Digest = "sha256:" + new string('a', 64) }, SbomSha256 = "x", SbomFormat = "spdx" };
        using var doc = JsonDocument.Parse(ScoutJson.SerializeToUtf8(ImageViews.Detail(stored, []), ScoutJson.TypeInfo<ImageDetailView>(ScoutJson.WithNulls)));
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("createdAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("os").GetProperty("type").ValueKind);
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("sbom").GetProperty("specVersion").ValueKind);
    }
}
