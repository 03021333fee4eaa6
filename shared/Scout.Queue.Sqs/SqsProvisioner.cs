using System.Globalization;
using Amazon.SQS;
using Amazon.SQS.Model;
using Scout.Core.Ports;
using Scout.Core.Residency;

namespace Scout.Queue.Sqs;

public sealed record SqsQueueInfo(string QueueUrl, string QueueArn, string DeadLetterQueueUrl, string DeadLetterQueueArn);

/// <summary>
/// Creates (or brings up to date) the analysis queue and its dead-letter queue: a message received
/// <see cref="MaxReceiveCount"/> times without success moves to the DLQ; the visibility timeout is six times the
/// function timeout, as AWS advises for Lambda event source mappings.
/// </summary>
public static class SqsProvisioner
{
    public const int MaxReceiveCount = DeliveryPolicy.MaxAttempts;
    public const string DefaultQueueName = "scout-analysis";
    public static readonly TimeSpan DefaultFunctionTimeout = TimeSpan.FromSeconds(60);
    private const int FourteenDays = 14 * 24 * 3600, FourDays = 4 * 24 * 3600;

    public static int VisibilityTimeoutSeconds(TimeSpan functionTimeout) => (int)Math.Ceiling(functionTimeout.TotalSeconds * 6);

    public static async Task<SqsQueueInfo> EnsureAsync(IAmazonSQS sqs, string queueName, TimeSpan functionTimeout, CancellationToken ct = default)
    {
        AwsResidency.Require(SqsClientFactory.RegionOf(sqs), "SQS provisioning");
        var visibility = VisibilityTimeoutSeconds(functionTimeout);
        if (visibility > 43_200) throw new ArgumentOutOfRangeException(nameof(functionTimeout), "six times the function timeout exceeds SQS's 12 hour visibility limit");

        var dlqUrl = await EnsureQueueAsync(sqs, queueName + "-dlq", new()
        {
            [QueueAttributeName.MessageRetentionPeriod] = FourteenDays.ToString(CultureInfo.InvariantCulture),
        }, ct);
        var dlqArn = await ArnAsync(sqs, dlqUrl, ct);
        var queueUrl = await EnsureQueueAsync(sqs, queueName, new()
        {
            [QueueAttributeName.VisibilityTimeout] = visibility.ToString(CultureInfo.InvariantCulture),
            [QueueAttributeName.MessageRetentionPeriod] = FourDays.ToString(CultureInfo.InvariantCulture),
            [QueueAttributeName.RedrivePolicy] = $"{{\"deadLetterTargetArn\":\"{dlqArn}\",\"maxReceiveCount\":{MaxReceiveCount}}}",
        }, ct);
        return new SqsQueueInfo(queueUrl, await ArnAsync(sqs, queueUrl, ct), dlqUrl, dlqArn);
    }

    private static async Task<string> EnsureQueueAsync(IAmazonSQS sqs, string name, Dictionary<string, string> attributes, CancellationToken ct)
    {
        try
        {
            var url = (await sqs.GetQueueUrlAsync(new GetQueueUrlRequest { QueueName = name }, ct)).QueueUrl;
            await sqs.SetQueueAttributesAsync(new SetQueueAttributesRequest { QueueUrl = url, Attributes = attributes }, ct);
            return url;
        }
        catch (QueueDoesNotExistException)
        {
            return (await sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = name, Attributes = attributes }, ct)).QueueUrl;
        }
    }

    private static async Task<string> ArnAsync(IAmazonSQS sqs, string url, CancellationToken ct) =>
        (await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = url, AttributeNames = [QueueAttributeName.QueueArn] }, ct)).QueueARN;
}
