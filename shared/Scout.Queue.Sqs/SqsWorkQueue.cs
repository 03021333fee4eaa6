using Amazon.SQS;
using Amazon.SQS.Model;
using Scout.Core.Ports;
using Scout.Core.Serialization;
using Scout.Core.Residency;

namespace Scout.Queue.Sqs;

/// <summary>The producer side on SQS: one small JSON reference per upload.</summary>
public sealed class SqsWorkQueue : IWorkQueue
{
    private readonly IAmazonSQS sqs;

    public SqsWorkQueue(IAmazonSQS sqs, string queueUrl)
    {
        AwsResidency.Require(SqsClientFactory.RegionOf(sqs), "SQS work queue");
        this.sqs = sqs;
        QueueUrl = queueUrl;
    }

    public string QueueUrl { get; }

    public Task EnqueueAsync(AnalyzeImageMessage message, CancellationToken ct = default) =>
        sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = QueueUrl, MessageBody = AnalyzeImageMessageCodec.EncodeString(message) }, ct);
}
