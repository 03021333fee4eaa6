using Scout.Core.Settings;
using Scout.Storage.DynamoDb;

namespace Scout.Functions.Aws;

/// <summary>
/// What the functions read from their environment (set by template.yaml / the CDK stack). AWS_REGION is checked
/// against the US-East residency rule by every client factory.
/// </summary>
public sealed record AwsHostSettings
{
    public const string HandlerVariable = "_HANDLER", RuntimeApiVariable = "AWS_LAMBDA_RUNTIME_API";
    public const string TableVariable = "SCOUT_DYNAMODB_TABLE", QueueUrlVariable = "SCOUT_QUEUE_URL", FeedVariable = "SCOUT_ADVISORY_FEED";

    public required string Handler { get; init; }
    public string TableName { get; init; } = DynamoDbStoreOptions.DefaultTableName;
    public string? QueueUrl { get; init; }
    public Uri? AdvisoryFeed { get; init; }
    /// <summary>SCOUT_REFRESH_POLLS: refreshes per scheduled invocation (ScheduledRefresh.cs).</summary>
    public int RefreshPolls { get; init; } = 1;

    public static AwsHostSettings FromEnvironment(Func<string, string?>? read = null) => From(ScoutSettings.FromEnvironment(read));

    public static AwsHostSettings From(ScoutSettings settings)
    {
        var handler = settings.LambdaHandler
            ?? throw new InvalidOperationException($"{HandlerVariable} is not set; expected one of {string.Join(", ", LambdaHandlers.Names)}");
        return new AwsHostSettings
        {
            Handler = handler,
            TableName = settings.DynamoDbTable ?? DynamoDbStoreOptions.DefaultTableName,
            QueueUrl = settings.QueueUrl,
            RefreshPolls = settings.RefreshPolls,
            AdvisoryFeed = settings.AdvisoryFeed is not { } feed ? null
                : Uri.TryCreate(feed, UriKind.Absolute, out var uri) ? uri
                : throw new InvalidOperationException($"{FeedVariable}={feed} is not an absolute URL"),
        };
    }
}
