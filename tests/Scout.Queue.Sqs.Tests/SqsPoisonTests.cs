using Amazon.SQS.Model;
using Scout.Core.Model;
using Scout.Core.Ports;
using Scout.Core.Serialization;
using Scout.Hosting;
using Scout.Queue.Sqs;
using Scout.Testing.Delivery;

namespace Scout.Queue.Sqs.Tests;

/// <summary>A poison upload on DynamoDB + SQS ends failed with the reason, reaches the DLQ, and a restart does not pick it up.</summary>
[Collection(AwsLocalServersCollection.Name)]
public sealed class SqsPoisonTests(AwsLocalServers servers)
{
    [Fact]
    public async Task A_poison_upload_ends_failed_with_the_reason_and_a_restart_does_not_pick_it_up_again()
    {
        var (sqs, queue) = await servers.NewQueueAsync(TimeSpan.FromMilliseconds(1000.0 / 6)); // visibility 1 s
        var result = await PoisonRun.RunAsync(servers.NewStore(), new SqsWorkQueue(sqs, queue.QueueUrl), AwsLocalServers.Consumer(sqs, queue),
            TimeSpan.FromMinutes(2), settle: TimeSpan.FromSeconds(4));

        Assert.Equal(UploadStatuses.Done, result.Good.Status);
        Assert.Equal(UploadStatuses.Failed, result.Poison.Status);
        Assert.Contains($"analysis failed on {DeliveryPolicy.MaxAttempts} deliveries", result.Poison.Reason);
        Assert.Contains("TimeoutException", result.Poison.Reason);
        // Recovery at the consumer's start publishes the still-queued upload once more (this queue cannot say what it holds),
        // so two messages may race until the first gives up: at most two messages' worth of attempts.
        Assert.InRange(result.PoisonedCalls, DeliveryPolicy.MaxAttempts * ScoutResilience.InProcessAttempts, 2 * DeliveryPolicy.MaxAttempts * ScoutResilience.InProcessAttempts);
        Assert.Equal(0, result.Recovery.Pending);
        Assert.Equal(result.PoisonedCalls, result.PoisonedCallsAfterRestart);
        Assert.Equal((UploadStatuses.Failed, result.Poison.Reason), (result.PoisonAfterRestart.Status, result.PoisonAfterRestart.Reason));
        var left = await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = queue.QueueUrl, AttributeNames = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"] });
        Assert.All(left.Attributes.Values, count => Assert.Equal("0", count)); // nothing visible or in flight on the analysis queue
    }

    [Fact]
    public async Task The_dead_letter_consumer_marks_an_upload_failed_whose_give_up_was_never_recorded()
    {
        // The last delivery's own recording can be lost (the store failed, the function timed out): the DLQ consumer records it.
        var (sqs, queue) = await servers.NewQueueAsync(TimeSpan.FromMilliseconds(1000.0 / 6));
        var store = servers.NewStore();
        await store.InitializeAsync();
        var now = DateTimeOffset.UtcNow;
        await store.CreateUploadAsync(new UploadRecord
        {
            TenantId = "t1", UploadId = "up_lost", ImageDigest = "sha256:" + new string('c', 64), SbomSha256 = new string('d', 64),
            Status = UploadStatuses.Analyzing, CreatedAt = now, UpdatedAt = now,
        }, [1]);
        await sqs.SendMessageAsync(queue.DeadLetterQueueUrl, AnalyzeImageMessageCodec.EncodeString(new AnalyzeImageMessage("t1", "up_lost")));
        var delivery = new AnalysisDelivery((_, _) => throw new InvalidOperationException("analysis is not called for dead letters"), store, SystemClock.Instance);
        using var stop = new CancellationTokenSource();
        var consumer = new SqsQueueConsumer(sqs, queue.QueueUrl, delivery, options: new SqsPollerOptions { WaitTimeSeconds = 1 }).RunAsync(stop.Token);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        UploadRecord? upload;
        do { upload = await store.GetUploadAsync("t1", "up_lost"); await Task.Delay(200); }
        while (upload!.Status != UploadStatuses.Failed && DateTime.UtcNow < deadline);
        await stop.CancelAsync();
        await consumer;
        Assert.Equal(UploadStatuses.Failed, upload.Status);
        Assert.Contains("reached the dead-letter queue", upload.Reason);
    }
}
