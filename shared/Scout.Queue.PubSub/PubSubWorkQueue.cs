using Scout.Core.Ports;
using Scout.Core.Serialization;

namespace Scout.Queue.PubSub;

/// <summary>
/// The producer side of analysis on GCP: publishes {tenantId, uploadId} to the analysis topic. The document itself
/// stays in the store; a message is a reference of a few dozen bytes (Pub/Sub takes 10 MB, but SBOMs reach tens of MB).
/// </summary>
public sealed class PubSubWorkQueue(PubSubRestClient client) : IWorkQueue
{
    public static PubSubWorkQueue FromEnvironment() => new(PubSubRestClient.Create(PubSubOptions.FromEnvironment()));

    public async Task EnqueueAsync(AnalyzeImageMessage message, CancellationToken ct = default)
    {
        var attributes = new Dictionary<string, string> { ["tenantId"] = message.TenantId, ["uploadId"] = message.UploadId, ["type"] = "AnalyzeImage" };
        await client.PublishAsync(client.Options.TopicPath, [(AnalyzeImageMessageCodec.Encode(message), attributes)], ct);
    }
}
