using System.Text.Json.Nodes;

namespace Scout.Queue.PubSub;

/// <summary>
/// Creates what the queue needs (idempotent; `scout provision --queue pubsub` and the tests use it; on GCP the
/// infra/gcp deployment does the same): the analysis topic, the dead-letter topic with a keeping subscription and a
/// recording one (it marks the uploads failed), and the worker subscription with its dead-letter policy, ack deadline, retry backoff and optional push endpoint.
/// </summary>
public sealed class PubSubProvisioner(PubSubRestClient client)
{
    public async Task ProvisionAsync(CancellationToken ct = default)
    {
        var o = client.Options;
        if (o.AckDeadlineSeconds is < 10 or > 600) throw new ArgumentOutOfRangeException(nameof(o.AckDeadlineSeconds), "Pub/Sub ack deadlines are 10-600 s");
        if (o.MaxDeliveryAttempts is < 5 or > 100) throw new ArgumentOutOfRangeException(nameof(o.MaxDeliveryAttempts), "Pub/Sub dead-letter attempts are 5-100");
        await EnsureTopicAsync(o.TopicPath, ct);
        await EnsureTopicAsync(o.DeadLetterTopicPath, ct);
        await client.CreateAsync(o.DeadLetterSubscriptionPath, new JsonObject { ["topic"] = o.DeadLetterTopicPath, ["ackDeadlineSeconds"] = 60 }, ct);
        var record = DeadLetterRecordSubscription(o);
        if (!await client.CreateAsync(o.DeadLetterPushSubscriptionPath, record, ct))
            await client.PatchSubscriptionAsync(o.DeadLetterPushSubscriptionPath, new JsonObject { ["pushConfig"] = record["pushConfig"]!.DeepClone() },
                ["pushConfig"], ct);
        var subscription = WorkerSubscription(o);
        if (!await client.CreateAsync(o.SubscriptionPath, subscription, ct))
        {
            // It exists: bring its settings to what we want (a re-provision with a new push URL must take effect).
            subscription.Remove("topic");
            await client.PatchSubscriptionAsync(o.SubscriptionPath, subscription,
                ["ackDeadlineSeconds", "deadLetterPolicy", "retryPolicy", "pushConfig"], ct);
        }
    }

    /// <summary>A topic whose messages are stored in US-East only (PubSubResidency); an existing topic gets the policy too.</summary>
    private async Task EnsureTopicAsync(string topic, CancellationToken ct)
    {
        // The emulator keeps the policy a topic is created with but refuses it in an update mask: there the creation carries it only.
        if (!await client.CreateAsync(topic, new JsonObject { ["messageStoragePolicy"] = PubSubResidency.StoragePolicy() }, ct) && !client.Options.UsesEmulator)
            await client.PatchAsync(topic, "topic", new JsonObject { ["messageStoragePolicy"] = PubSubResidency.StoragePolicy() }, ["message_storage_policy"], ct);
    }

    /// <summary>
    /// Creates the dead-letter recording subscription if it is missing, leaving an existing one as it is: what
    /// `scout serve --queue pubsub` does before pulling it, so a queue provisioned before this subscription existed works.
    /// </summary>
    public async Task EnsureDeadLetterRecordingAsync(CancellationToken ct = default) =>
        await client.CreateAsync(client.Options.DeadLetterPushSubscriptionPath, DeadLetterRecordSubscription(client.Options), ct);

    /// <summary>The dead-letter topic's recording subscription: pushed to the function on Cloud Run, pulled locally.</summary>
    public static JsonObject DeadLetterRecordSubscription(PubSubOptions o) => new()
    {
        ["topic"] = o.DeadLetterTopicPath, ["ackDeadlineSeconds"] = 60,
        ["pushConfig"] = o.DeadLetterPushEndpoint == null ? new JsonObject() : Push(o.DeadLetterPushEndpoint, o.PushServiceAccount),
    };

    public static JsonObject WorkerSubscription(PubSubOptions o)
    {
        var push = o.PushEndpoint == null ? new JsonObject() : Push(o.PushEndpoint, o.PushServiceAccount);
        return new JsonObject
        {
            ["topic"] = o.TopicPath,
            ["ackDeadlineSeconds"] = o.AckDeadlineSeconds,
            ["deadLetterPolicy"] = new JsonObject { ["deadLetterTopic"] = o.DeadLetterTopicPath, ["maxDeliveryAttempts"] = o.MaxDeliveryAttempts },
            ["retryPolicy"] = new JsonObject { ["minimumBackoff"] = $"{o.MinimumBackoff.TotalSeconds:0}s", ["maximumBackoff"] = $"{o.MaximumBackoff.TotalSeconds:0}s" },
            ["pushConfig"] = push,
        };
    }

    private static JsonObject Push(Uri endpoint, string? serviceAccount)
    {
        var push = new JsonObject { ["pushEndpoint"] = endpoint.ToString() };
        if (serviceAccount != null) push["oidcToken"] = new JsonObject { ["serviceAccountEmail"] = serviceAccount };
        return push;
    }
}
