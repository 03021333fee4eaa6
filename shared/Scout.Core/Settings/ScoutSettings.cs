namespace Scout.Core.Settings;

/// <summary>
/// Every environment variable the platform reads, read in this one place (trimmed; empty is unset). Hosts and adapters
/// take their values from here and validate what they use (a bad PORT is the Cloud Run host's error, not the CLI's).
/// Tests build it from a dictionary through <see cref="FromEnvironment"/>.
/// </summary>
public sealed record ScoutSettings
{
    /// <summary>SCOUT_DATA: folder of the embedded SQLite store.</summary>
    public string? DataDirectory { get; init; }
    /// <summary>SCOUT_API_KEY: the key `scout analyze --remote` sends.</summary>
    public string? ApiKey { get; init; }
    /// <summary>SCOUT_ADVISORY_FEED: the OSV-layout feed the scheduled refresh reads.</summary>
    public string? AdvisoryFeed { get; init; }

    /// <summary>AWS_REGION, else AWS_DEFAULT_REGION.</summary>
    public string? AwsRegion { get; init; }
    /// <summary>AWS_ENDPOINT_URL_DYNAMODB, else AWS_ENDPOINT_URL (a local server).</summary>
    public string? DynamoDbEndpoint { get; init; }
    /// <summary>AWS_ENDPOINT_URL_SQS, else AWS_ENDPOINT_URL.</summary>
    public string? SqsEndpoint { get; init; }
    /// <summary>AWS_ACCESS_KEY_ID is set: the SDK's credential chain has keys, no placeholder credentials for local servers.</summary>
    public bool AwsAccessKeyConfigured { get; init; }
    /// <summary>SCOUT_DYNAMODB_TABLE.</summary>
    public string? DynamoDbTable { get; init; }
    /// <summary>SCOUT_QUEUE_URL.</summary>
    public string? QueueUrl { get; init; }
    /// <summary>SCOUT_SQS_QUEUE: the queue name `scout provision/serve --queue sqs` uses.</summary>
    public string? SqsQueueName { get; init; }
    /// <summary>_HANDLER: which Lambda function the bootstrap runs.</summary>
    public string? LambdaHandler { get; init; }
    /// <summary>AWS_LAMBDA_RUNTIME_API.</summary>
    public string? LambdaRuntimeApi { get; init; }

    /// <summary>GOOGLE_CLOUD_PROJECT, else GCLOUD_PROJECT.</summary>
    public string? GoogleProject { get; init; }
    /// <summary>FIRESTORE_EMULATOR_HOST.</summary>
    public string? FirestoreEmulatorHost { get; init; }
    /// <summary>SCOUT_FIRESTORE_LOCATION.</summary>
    public string? FirestoreLocation { get; init; }
    /// <summary>SCOUT_FIRESTORE_DATABASE.</summary>
    public string? FirestoreDatabase { get; init; }
    /// <summary>PUBSUB_EMULATOR_HOST.</summary>
    public string? PubSubEmulatorHost { get; init; }
    /// <summary>SCOUT_PUBSUB_TOPIC, SCOUT_PUBSUB_SUBSCRIPTION, SCOUT_PUBSUB_DEAD_LETTER_TOPIC.</summary>
    public string? PubSubTopic { get; init; }
    public string? PubSubSubscription { get; init; }
    public string? PubSubDeadLetterTopic { get; init; }
    /// <summary>SCOUT_FUNCTION: which Cloud Run function the container is.</summary>
    public string? Function { get; init; }
    /// <summary>PORT (Cloud Run sets it).</summary>
    public string? Port { get; init; }
    /// <summary>SCOUT_EVENT_ROUTES, SCOUT_PUSH_AUDIENCE, SCOUT_PUSH_SERVICE_ACCOUNT, SCOUT_INDEX_MAX_AGE_MINUTES (Cloud Run).</summary>
    public string? EventRoutes { get; init; }
    public string? PushAudience { get; init; }
    public string? PushServiceAccount { get; init; }
    public string? IndexMaxAgeMinutes { get; init; }
    /// <summary>SCOUT_REFRESH_POLLS: refreshes per scheduled invocation, spread over its minute (Scout.Hosting ScheduledRefresh.cs); 1 to 6, default 1.</summary>
    public int RefreshPolls { get; init; } = 1;
    /// <summary>SCOUT_ADVISORY_CACHE_MB: the advisory cache of a host over a store (Scout.Advisories OnDemandAdvisoryIndex.cs); 16 to 4096, default 128.</summary>
    public long AdvisoryCacheBytes { get; init; } = 128L << 20;
    /// <summary>SCOUT_MAX_*: the upload and API limits, parsed and checked here (UploadLimitVariables.cs); a bad value throws InputException.</summary>
    public UseCases.UploadLimits Limits { get; init; } = new();

    /// <summary>The process environment, read now.</summary>
    public static ScoutSettings Current => FromEnvironment();

    public static ScoutSettings FromEnvironment(Func<string, string?>? env = null)
    {
        env ??= Environment.GetEnvironmentVariable;
        string? Read(string name) => env(name) is { } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        var anyEndpoint = Read("AWS_ENDPOINT_URL");
        return new ScoutSettings
        {
            DataDirectory = Read("SCOUT_DATA"),
            ApiKey = Read("SCOUT_API_KEY"),
            AdvisoryFeed = Read("SCOUT_ADVISORY_FEED"),
            AwsRegion = Read("AWS_REGION") ?? Read("AWS_DEFAULT_REGION"),
            DynamoDbEndpoint = Read("AWS_ENDPOINT_URL_DYNAMODB") ?? anyEndpoint,
            SqsEndpoint = Read("AWS_ENDPOINT_URL_SQS") ?? anyEndpoint,
            AwsAccessKeyConfigured = Read("AWS_ACCESS_KEY_ID") != null,
            DynamoDbTable = Read("SCOUT_DYNAMODB_TABLE"),
            QueueUrl = Read("SCOUT_QUEUE_URL"),
            SqsQueueName = Read("SCOUT_SQS_QUEUE"),
            LambdaHandler = Read("_HANDLER"),
            LambdaRuntimeApi = Read("AWS_LAMBDA_RUNTIME_API"),
            GoogleProject = Read("GOOGLE_CLOUD_PROJECT") ?? Read("GCLOUD_PROJECT"),
            FirestoreEmulatorHost = Read("FIRESTORE_EMULATOR_HOST"),
            FirestoreLocation = Read("SCOUT_FIRESTORE_LOCATION"),
            FirestoreDatabase = Read("SCOUT_FIRESTORE_DATABASE"),
            PubSubEmulatorHost = Read("PUBSUB_EMULATOR_HOST"),
            PubSubTopic = Read("SCOUT_PUBSUB_TOPIC"),
            PubSubSubscription = Read("SCOUT_PUBSUB_SUBSCRIPTION"),
            PubSubDeadLetterTopic = Read("SCOUT_PUBSUB_DEAD_LETTER_TOPIC"),
            Function = Read("SCOUT_FUNCTION"),
            Port = Read("PORT"),
            EventRoutes = Read("SCOUT_EVENT_ROUTES"),
            PushAudience = Read("SCOUT_PUSH_AUDIENCE"),
            PushServiceAccount = Read("SCOUT_PUSH_SERVICE_ACCOUNT"),
            IndexMaxAgeMinutes = Read("SCOUT_INDEX_MAX_AGE_MINUTES"),
            Limits = UploadLimitVariables.Read(Read),
            RefreshPolls = Read("SCOUT_REFRESH_POLLS") is not { } polls ? 1
                : int.TryParse(polls, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 6 ? n
                : throw new Ports.InputException($"SCOUT_REFRESH_POLLS={polls}: expected a whole number from 1 to 6"),
            AdvisoryCacheBytes = Read("SCOUT_ADVISORY_CACHE_MB") is not { } mb ? 128L << 20
                : int.TryParse(mb, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var m) && m is >= 16 and <= 4096 ? (long)m << 20
                : throw new Ports.InputException($"SCOUT_ADVISORY_CACHE_MB={mb}: expected a whole number of MiB from 16 to 4096"),
        };
    }
}
