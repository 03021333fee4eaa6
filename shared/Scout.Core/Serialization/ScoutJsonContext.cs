using System.Text.Json;
using System.Text.Json.Serialization;
using Scout.Core.Api;
using Scout.Core.Model;
using Scout.Core.Ports;
using Scout.Core.UseCases;

namespace Scout.Core.Serialization;

/// <summary>
/// Compile-time JSON metadata for every Core type the platform writes or reads: model records, stored-record bodies,
/// queue messages and API responses. Native AOT (the Lambda bootstrap) has no reflection serializer, so a type
/// missing here fails there with NotSupportedException; add it when a new type crosses JSON.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, MaxDepth = 64)]
// model records
[JsonSerializable(typeof(ImageMetadata))]
[JsonSerializable(typeof(NormalizedSbom))]
[JsonSerializable(typeof(PackageRecord))]
[JsonSerializable(typeof(List<PackageRecord>))]
[JsonSerializable(typeof(IReadOnlyList<PackageRecord>))]
[JsonSerializable(typeof(Finding))]
[JsonSerializable(typeof(List<Finding>))]
[JsonSerializable(typeof(IReadOnlyList<Finding>))]
[JsonSerializable(typeof(DependencyType))]
[JsonSerializable(typeof(SbomWarning))]
[JsonSerializable(typeof(EnvironmentRecord))]
// stored records
[JsonSerializable(typeof(TenantRecord))]
[JsonSerializable(typeof(UploadRecord))]
[JsonSerializable(typeof(ImageAnalysis))]
[JsonSerializable(typeof(StoredImage))]
[JsonSerializable(typeof(StoredAdvisory))]
[JsonSerializable(typeof(VexDocumentRecord))]
[JsonSerializable(typeof(ImageRef))]
[JsonSerializable(typeof(PackageKey))]
[JsonSerializable(typeof(List<PackageKey>))]
[JsonSerializable(typeof(EnvironmentInput))]
// queue messages and use-case results
[JsonSerializable(typeof(AnalyzeImageMessage))]
[JsonSerializable(typeof(RefreshSummary))]
[JsonSerializable(typeof(FeedState))]
[JsonSerializable(typeof(List<FeedScope>))]
[JsonSerializable(typeof(List<PendingReoverlay>))]
[JsonSerializable(typeof(FeedStatusReport))]
[JsonSerializable(typeof(List<List<string>>))]
[JsonSerializable(typeof(LocalAnalysisResult))]
// API responses
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(HealthView))]
[JsonSerializable(typeof(UploadAccepted))]
[JsonSerializable(typeof(UploadStatusView))]
[JsonSerializable(typeof(ImageDetailView))]
[JsonSerializable(typeof(ImageSummaryView))]
[JsonSerializable(typeof(ImageListView))]
[JsonSerializable(typeof(PackagePage))]
[JsonSerializable(typeof(FindingPage))]
[JsonSerializable(typeof(LocalAnalysisView))]
[JsonSerializable(typeof(VexAttached))]
[JsonSerializable(typeof(EnvironmentLinked))]
[JsonSerializable(typeof(RecommendationsView))]
[JsonSerializable(typeof(BaseImageView))]
[JsonSerializable(typeof(BaseLink))]
[JsonSerializable(typeof(LayerIndexRecord))]
[JsonSerializable(typeof(EnvironmentListView))]
[JsonSerializable(typeof(TrendView))]
[JsonSerializable(typeof(AdvisoryImagesView))]
[JsonSerializable(typeof(TrendSnapshot))]
[JsonSerializable(typeof(ImageComparisonView))]
[JsonSerializable(typeof(PolicyConfig))]
[JsonSerializable(typeof(ImagePolicyResults))]
[JsonSerializable(typeof(PolicyResultsView))]
[JsonSerializable(typeof(PolicyUpdated))]
[JsonSerializable(typeof(WebhookRecord))]
[JsonSerializable(typeof(WebhookDeliveryRecord))]
[JsonSerializable(typeof(WebhookEventBody))]
[JsonSerializable(typeof(WebhookCreated))]
[JsonSerializable(typeof(WebhookListView))]
[JsonSerializable(typeof(FeedStatusView))]
[JsonSerializable(typeof(OverviewView))]
[JsonSerializable(typeof(WebhookDeliveryListView))]
// scalars and collections hosts print as they are
[JsonSerializable(typeof(object))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(Dictionary<string, int>))]
[JsonSerializable(typeof(List<string>))]
public sealed partial class ScoutJsonContext : JsonSerializerContext;

/// <summary>Core-internal bodies (the packed upload header), same dialect as <see cref="ScoutJsonContext"/>.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, MaxDepth = 64)]
[JsonSerializable(typeof(UploadDocument.Header))]
internal sealed partial class InternalJsonContext : JsonSerializerContext;
