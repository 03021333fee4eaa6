using Scout.Core.Ports;
using Scout.Hosting;

namespace Scout.Cli.Platform;

/// <summary>DynamoDB store and SQS queue for `scout serve/provision --store dynamodb --queue sqs` (built by the AWS issue).</summary>
public static class AwsBackend
{
    public static Task<IScoutStore> OpenStoreAsync(CancellationToken ct) =>
        throw new CliUsageException("--store dynamodb: not available in this build yet");

    public static Task<IWorkQueue> OpenQueueAsync(CancellationToken ct) =>
        throw new CliUsageException("--queue sqs: not available in this build yet");

    public static IQueueConsumer Consumer(ScoutPlatform platform, Action<string> log) =>
        throw new CliUsageException("--queue sqs: not available in this build yet");

    public static Task ProvisionAsync(bool store, bool queue, TextWriter output, CancellationToken ct) =>
        throw new CliUsageException("provision for dynamodb/sqs: not available in this build yet");
}
