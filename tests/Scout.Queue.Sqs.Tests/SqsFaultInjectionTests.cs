using Scout.Hosting;
using Scout.Queue.Sqs;
using Scout.Testing.Delivery;
using Xunit.Abstractions;

namespace Scout.Queue.Sqs.Tests;

/// <summary>Issue 12's fault-injection proof on DynamoDB Local + SQS (moto), consumed as `scout serve --queue sqs` consumes it.</summary>
[Collection(AwsLocalServersCollection.Name)]
public sealed class SqsFaultInjectionTests(AwsLocalServers servers, ITestOutputHelper output)
{
    [Fact]
    public async Task Two_hundred_uploads_under_store_and_queue_faults_all_end_with_fault_free_findings()
    {
        // Visibility timeout 6 s (a 1 s "function"), batches of 5: a batch is handled well within its lease.
        var (sqs, queue) = await servers.NewQueueAsync(TimeSpan.FromSeconds(1));
        var options = new ScoutOptions { Resilience = ScoutResilience.Transient(TimeSpan.FromMilliseconds(5)) };
        var figures = await FaultRun.RunAsync("DynamoDB Local + SQS (moto)", servers.NewStore(), new SqsWorkQueue(sqs, queue.QueueUrl),
            AwsLocalServers.Consumer(sqs, queue, batchSize: 5), uploads: 200, seed: 1212, timeout: TimeSpan.FromMinutes(5), options, output.WriteLine);
        output.WriteLine(figures.ToString());
        Assert.True(figures.Problems.Count == 0, string.Join("\n", figures.Problems.Take(20)));
        Assert.True(figures.Faults() > 0, "no fault was injected");
        Assert.True(figures.MessagesDuplicated > 0, "no message was duplicated");
        Assert.Equal(200, figures.Done + figures.Failed);
        Assert.Equal(0, figures.Lost);
        Assert.Equal(0, figures.DuplicatedRows);
        Assert.Equal(0, figures.FindingMismatches);
    }
}
