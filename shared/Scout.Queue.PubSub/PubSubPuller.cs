using System.Text;
using System.Text.Json.Nodes;

namespace Scout.Queue.PubSub;

/// <summary>
/// For `scout serve --queue pubsub` (no Eventarc locally): pulls the worker subscription and delivers each message to
/// the queue-analysis function exactly as Eventarc would, a binary-mode CloudEvent of type
/// google.cloud.pubsub.topic.v1.messagePublished. 2xx acknowledges; anything else nacks, so Pub/Sub redelivers
/// and, after the subscription's max delivery attempts, dead-letters.
/// </summary>
public sealed class PubSubPuller(PubSubRestClient client, HttpClient functionClient, Uri functionUrl)
{
    public const string EventType = "google.cloud.pubsub.topic.v1.messagePublished";

    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (await DeliverOnceAsync(10, ct) == 0) await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception e) when (e is HttpRequestException or PubSubException)
            {
                Console.Error.WriteLine($"pubsub puller: {e.Message}");
                await Task.Delay(TimeSpan.FromSeconds(2), ct);
            }
        }
    }

    /// <summary>One pull and delivery round; returns how many messages were pulled.</summary>
    public async Task<int> DeliverOnceAsync(int maxMessages, CancellationToken ct)
    {
        var o = client.Options;
        var messages = await client.PullAsync(o.SubscriptionPath, maxMessages, ct);
        var results = await Task.WhenAll(messages.Select(async m => (m.AckId, Ok: await DeliverAsync(m, ct))));
        await client.AcknowledgeAsync(o.SubscriptionPath, results.Where(r => r.Ok).Select(r => r.AckId).ToList(), ct);
        await client.ModifyAckDeadlineAsync(o.SubscriptionPath, results.Where(r => !r.Ok).Select(r => r.AckId).ToList(), 0, ct);
        return messages.Count;
    }

    private async Task<bool> DeliverAsync(PulledMessage message, CancellationToken ct)
    {
        try
        {
            using var request = ToCloudEvent(message, client.Options, functionUrl);
            using var response = await functionClient.SendAsync(request, ct);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException) { return false; }
    }

    /// <summary>The request Eventarc sends for a Pub/Sub message (binary content mode: ce-* headers, MessagePublishedData body).</summary>
    public static HttpRequestMessage ToCloudEvent(PulledMessage message, PubSubOptions options, Uri target)
    {
        var attributes = new JsonObject([.. message.Attributes.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)JsonValue.Create(a.Value)))]);
        var data = Convert.ToBase64String(message.Data);
        var body = new JsonObject
        {
            // Eventarc writes both spellings of the message fields; readers accept either.
            ["message"] = new JsonObject
            {
                ["attributes"] = attributes, ["data"] = data,
                ["messageId"] = message.MessageId, ["message_id"] = message.MessageId,
                ["publishTime"] = message.PublishTime, ["publish_time"] = message.PublishTime,
            },
            ["subscription"] = options.SubscriptionPath,
        };
        var request = new HttpRequestMessage(HttpMethod.Post, target)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("ce-specversion", "1.0");
        request.Headers.Add("ce-id", message.MessageId);
        request.Headers.Add("ce-type", EventType);
        request.Headers.Add("ce-source", $"//pubsub.googleapis.com/{options.TopicPath}");
        if (message.PublishTime != null) request.Headers.Add("ce-time", message.PublishTime);
        return request;
    }
}
