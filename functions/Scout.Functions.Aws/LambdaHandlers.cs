using Scout.Advisories.Index;
using Scout.Core.Ports;
using Scout.Functions.Aws.Events;
using Scout.Functions.Aws.Handlers;
using Scout.Functions.Aws.Runtime;
using Scout.Hosting;
using Scout.Queue.Sqs;
using Scout.Storage.DynamoDb;

namespace Scout.Functions.Aws;

/// <summary>The four functions of the bootstrap binary, chosen by _HANDLER, each a thin layer over ScoutPlatform.</summary>
public static class LambdaHandlers
{
    public const string HttpUpload = "HttpUpload", QueueAnalysis = "QueueAnalysis", AdvisoryRefresh = "AdvisoryRefresh", DeadLetter = "DeadLetter";
    public static readonly IReadOnlyList<string> Names = [HttpUpload, QueueAnalysis, AdvisoryRefresh, DeadLetter];

    /// <summary>Builds the platform on DynamoDB + SQS from the environment (residency checked) and picks the handler.</summary>
    public static async Task<ILambdaHandler> CreateAsync(AwsHostSettings settings, JsonLog log, CancellationToken ct)
    {
        if (!Names.Contains(settings.Handler))
            throw new InvalidOperationException($"unknown handler '{settings.Handler}'; expected one of {string.Join(", ", Names)}");
        var store = new DynamoDbScoutStore(DynamoDbClientFactory.FromEnvironment(), new DynamoDbStoreOptions { TableName = settings.TableName, EnsureTable = false });
        IWorkQueue queue = settings.QueueUrl is { } url
            ? new SqsWorkQueue(SqsClientFactory.FromEnvironment(), url)
            : new MissingQueue();
        var platform = await ScoutPlatform.CreateAsync(store, queue, new ScoutOptions { AdvisoryFeed = settings.AdvisoryFeed }, ct);
        return For(settings.Handler, platform, log, settings.RefreshPolls);
    }

    public static ILambdaHandler For(string handler, ScoutPlatform platform, JsonLog log, int refreshPolls = 1) => handler switch
    {
        HttpUpload => new HttpUploadHandler(platform.Api.HandleAsync, log),
        QueueAnalysis => new QueueAnalysisHandler(platform.Delivery, log,
            platform.Components.Advisories?.Index is OnDemandAdvisoryIndex index ? () => (index.Reads.StoreCalls, index.StoreReadTime) : null),
        DeadLetter => new DeadLetterHandler(platform.Delivery, log),
        AdvisoryRefresh => new AdvisoryRefreshHandler(async ct =>
        {
            var feed = platform.Options.AdvisoryFeed
                ?? throw new InvalidOperationException($"{AwsHostSettings.FeedVariable} is not set: the refresh has no feed to read");
            // a file: feed (a folder or all.zip shipped with the function, e.g. on EFS) is imported the same way
            var report = await ScheduledRefresh.RunAsync(token => feed.IsFile ? platform.ImportAdvisoriesAsync(feed.LocalPath, token) : platform.RefreshAdvisoriesAsync(feed, token),
                refreshPolls, platform.Options.Clock, ct);
            return new AdvisoryRefreshResult
            {
                AdvisoriesChanged = report.AdvisoriesChanged, ImagesReoverlaid = report.ImagesReoverlaid, FindingsAdded = report.FindingsAdded,
                FindingsChanged = report.FindingsChanged, FindingsResolved = report.FindingsResolved, ElapsedMs = report.ElapsedMs,
            };
        }, log),
        _ => throw new InvalidOperationException($"unknown handler '{handler}'; expected one of {string.Join(", ", Names)}"),
    };

    /// <summary>Functions that never enqueue (analysis, refresh) run without SCOUT_QUEUE_URL.</summary>
    private sealed class MissingQueue : IWorkQueue
    {
        public Task EnqueueAsync(AnalyzeImageMessage message, CancellationToken ct = default) =>
            throw new InvalidOperationException($"{AwsHostSettings.QueueUrlVariable} is not set: this function cannot enqueue analyses");
    }
}
