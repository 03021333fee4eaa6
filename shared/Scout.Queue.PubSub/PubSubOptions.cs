namespace Scout.Queue.PubSub;

/// <summary>The analysis topic, its worker subscription and the dead-letter topic (PUBSUB_EMULATOR_HOST honoured).</summary>
public sealed record PubSubOptions
{
    public required string ProjectId { get; init; }
    public string? EmulatorHost { get; init; }
    public string Topic { get; init; } = "scout-analyze";
    public string Subscription { get; init; } = "scout-analyze-worker";
    public string DeadLetterTopic { get; init; } = "scout-analyze-dead-letter";
    /// <summary>A pull subscription on the dead-letter topic, so dead letters are kept and can be inspected.</summary>
    public string DeadLetterSubscription { get; init; } = "scout-analyze-dead-letter-keep";
    /// <summary>Pub/Sub allows 10-600 s. Analysis of a 10,000-package SBOM takes seconds to a minute: 300 s leaves room.</summary>
    public int AckDeadlineSeconds { get; init; } = 300;
    /// <summary>The subscription's dead-letter policy: the delivery policy's one constant (Pub/Sub allows 5-100).</summary>
    public int MaxDeliveryAttempts => Scout.Core.Ports.DeliveryPolicy.MaxAttempts;
    /// <summary>When set, the subscription pushes to this URL (the queue-analysis function) instead of being pulled.</summary>
    public Uri? PushEndpoint { get; init; }
    /// <summary>
    /// When set, the recording subscription (a second one on the dead-letter topic, <see cref="DeadLetterPushSubscription"/>)
    /// pushes dead letters here, the function's dead-letter route (Cloud Run). Unset, it is a pull subscription and
    /// the local puller delivers its messages to the same route in process, so the keeping subscription stays untouched.
    /// </summary>
    public Uri? DeadLetterPushEndpoint { get; init; }
    public string DeadLetterPushSubscription { get; init; } = "scout-analyze-dead-letter-record";
    public string DeadLetterPushSubscriptionPath => $"projects/{ProjectId}/subscriptions/{DeadLetterPushSubscription}";
    /// <summary>The service account whose OIDC token Pub/Sub attaches to pushes (real GCP only).</summary>
    public string? PushServiceAccount { get; init; }
    public TimeSpan MinimumBackoff { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan MaximumBackoff { get; init; } = TimeSpan.FromSeconds(600);

    public bool UsesEmulator => !string.IsNullOrEmpty(EmulatorHost);
    public Uri BaseAddress => UsesEmulator ? new Uri($"http://{EmulatorHost}/") : new Uri("https://pubsub.googleapis.com/");
    public string TopicPath => $"projects/{ProjectId}/topics/{Topic}";
    public string SubscriptionPath => $"projects/{ProjectId}/subscriptions/{Subscription}";
    public string DeadLetterTopicPath => $"projects/{ProjectId}/topics/{DeadLetterTopic}";
    public string DeadLetterSubscriptionPath => $"projects/{ProjectId}/subscriptions/{DeadLetterSubscription}";

    /// <summary>GOOGLE_CLOUD_PROJECT, PUBSUB_EMULATOR_HOST, SCOUT_PUBSUB_TOPIC, SCOUT_PUBSUB_SUBSCRIPTION, SCOUT_PUBSUB_DEAD_LETTER_TOPIC.</summary>
    public static PubSubOptions FromEnvironment(Func<string, string?>? env = null) => From(Scout.Core.Settings.ScoutSettings.FromEnvironment(env));

    public static PubSubOptions From(Scout.Core.Settings.ScoutSettings settings)
    {
        var defaults = new PubSubOptions
        {
            ProjectId = settings.GoogleProject ?? throw new Scout.Core.Ports.InputException("GOOGLE_CLOUD_PROJECT is not set: the Pub/Sub queue needs the project id"),
        };
        return defaults with
        {
            EmulatorHost = settings.PubSubEmulatorHost,
            Topic = settings.PubSubTopic ?? defaults.Topic,
            Subscription = settings.PubSubSubscription ?? defaults.Subscription,
            DeadLetterTopic = settings.PubSubDeadLetterTopic ?? defaults.DeadLetterTopic,
        };
    }
}
