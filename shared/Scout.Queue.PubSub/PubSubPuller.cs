using System.Text;
using System.Text.Json.Nodes;
using Scout.Queue.PubSub.Delivery;

namespace Scout.Queue.PubSub;

/// <summary>
/// For `scout serve --queue pubsub` (no Eventarc locally): pulls the worker subscription and delivers each message to
/// the queue-analysis function exactly as Eventarc would, a binary-mode CloudEvent of type
/// google.cloud.pubsub.topic.v1.messagePublished. 2xx acknowledges; anything else nacks, so Pub/Sub redelivers
/// and, after the subscription's max delivery attempts, dead-letters. Given a dead-letter URL it also pulls the
/// dead-letter topic's recording subscription and delivers those messages there (what the push subscription does on
/// Cloud Run), so a dead-lettered upload is marked failed locally too; the keeping subscription is left alone.
/// </summary>
public sealed class PubSubPuller(PubSubRestClient client, HttpClient functionClient, Uri functionUrl, Uri? deadLetterUrl = null)
{
    public const string EventType = "google.cloud.pubsub.topic.v1.messagePublished";

    /// <summary>
    /// The puller of `scout serve --queue pubsub`: deliveries and dead letters go, in process, to the routes of the
    /// queue-analysis function that <paramref name="handler"/> implements.
    /// </summary>
    public static PubSubPuller InProcess(PubSubRestClient client, PubSubDeliveryHandler handler, Action<DeliveryResult>? log = null)
    {
        var function = new Uri("http://queue-analysis.local/");
        return new PubSubPuller(client, new HttpClient(new InProcessFunctionHandler(handler, log)),
            new Uri(function, PubSubDeliveryHandler.AnalysisRoute), new Uri(function, PubSubDeliveryHandler.DeadLetterRoute));
    }

    /// <summary>
    /// Pulls the worker subscription and, given a dead-letter URL, the recording subscription, each in its own loop: a
    /// pull waits for messages, so one loop pulling both in turn would hold deliveries behind an idle dead-letter pull.
    /// </summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var loops = new List<Task> { LoopAsync(DeliverOnceAsync, ct) };
        if (deadLetterUrl != null) loops.Add(LoopAsync(DeliverDeadLettersOnceAsync, ct));
        await Task.WhenAll(loops);
    }

    private static async Task LoopAsync(Func<int, CancellationToken, Task<int>> round, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (await round(10, ct) == 0) await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            // An HTTP timeout of a long pull surfaces as a cancellation that is not ours: retry, do not end the loop.
            catch (Exception e) when (e is HttpRequestException or PubSubException or OperationCanceledException)
            {
                Console.Error.WriteLine($"pubsub puller: {e.Message}");
                try { await Task.Delay(TimeSpan.FromSeconds(2), ct); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    /// <summary>One pull and delivery round of the worker subscription; returns how many messages were pulled.</summary>
    public Task<int> DeliverOnceAsync(int maxMessages, CancellationToken ct) =>
        DeliverOnceAsync(client.Options.SubscriptionPath, client.Options.TopicPath, functionUrl, maxMessages, ct);

    /// <summary>One pull and delivery round of the dead-letter recording subscription.</summary>
    public Task<int> DeliverDeadLettersOnceAsync(int maxMessages, CancellationToken ct) =>
        DeliverOnceAsync(client.Options.DeadLetterPushSubscriptionPath, client.Options.DeadLetterTopicPath,
            deadLetterUrl ?? throw new InvalidOperationException("this puller was given no dead-letter URL"), maxMessages, ct);

    private async Task<int> DeliverOnceAsync(string subscription, string topic, Uri target, int maxMessages, CancellationToken ct)
    {
        var messages = await client.PullAsync(subscription, maxMessages, ct);
        var results = await Task.WhenAll(messages.Select(async m => (m.AckId, Ok: await DeliverAsync(m, subscription, topic, target, ct))));
        await client.AcknowledgeAsync(subscription, results.Where(r => r.Ok).Select(r => r.AckId).ToList(), ct);
        await client.ModifyAckDeadlineAsync(subscription, results.Where(r => !r.Ok).Select(r => r.AckId).ToList(), 0, ct);
        return messages.Count;
    }

    private async Task<bool> DeliverAsync(PulledMessage message, string subscription, string topic, Uri target, CancellationToken ct)
    {
        try
        {
            using var request = ToCloudEvent(message, subscription, topic, target);
            using var response = await functionClient.SendAsync(request, ct);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException) { return false; }
    }

    /// <summary>The request Eventarc sends for a Pub/Sub message (binary content mode: ce-* headers, MessagePublishedData body).</summary>
    public static HttpRequestMessage ToCloudEvent(PulledMessage message, PubSubOptions options, Uri target) =>
        ToCloudEvent(message, options.SubscriptionPath, options.TopicPath, target);

    public static HttpRequestMessage ToCloudEvent(PulledMessage message, string subscriptionPath, string topicPath, Uri target)
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
            ["subscription"] = subscriptionPath,
        };
        var request = new HttpRequestMessage(HttpMethod.Post, target)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("ce-specversion", "1.0");
        request.Headers.Add("ce-id", message.MessageId);
        request.Headers.Add("ce-type", EventType);
        request.Headers.Add("ce-source", $"//pubsub.googleapis.com/{topicPath}");
        if (message.PublishTime != null) request.Headers.Add("ce-time", message.PublishTime);
        return request;
    }
}
