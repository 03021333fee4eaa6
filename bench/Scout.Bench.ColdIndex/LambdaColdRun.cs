using System.Diagnostics;
using System.Text.Json;
using Scout.Core.Ports;
using Scout.Core.Serialization;
using Scout.Queue.Sqs;
using Scout.Testing.Servers;

namespace Scout.Bench.ColdIndex;

/// <summary>
/// The QueueAnalysis function as Lambda starts it: the real bootstrap (functions/Scout.Functions.Aws, JIT or Native AOT)
/// in a new process, polling a local runtime API that hands it one SQS event naming the queued upload. Timed from the
/// process start to the batch response it posts: what a cold invocation costs, init included.
/// </summary>
internal static class LambdaColdRun
{
    public static async Task<ColdFigures> RunAsync(string mode, IReadOnlyList<string> command, string tenant, string uploadId)
    {
        using var api = new FakeLambdaRuntimeApi();
        var requestId = "cold-" + uploadId;
        api.Enqueue(requestId, Event(tenant, uploadId), DateTimeOffset.UtcNow.AddMinutes(15));
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in command.Skip(1)) start.ArgumentList.Add(a);
        start.Environment["AWS_LAMBDA_RUNTIME_API"] = api.Address;
        start.Environment["_HANDLER"] = "QueueAnalysis";
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        var answered = api.ResponseAsync(requestId);
        var first = await Task.WhenAny(answered, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromMinutes(10)));
        var sinceStart = clock.Elapsed.TotalMilliseconds;
        if (first != answered)
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{mode}: no response from the bootstrap (exit {(process.HasExited ? process.ExitCode : -1)}): " +
                string.Join(" | ", api.InitErrors.Select(e => System.Text.Encoding.UTF8.GetString(e))) + await errors + await output);
        }
        var peak = ColdRun.PeakRssMiB($"/proc/{process.Id}/status"); // the bootstrap now waits for its next event: its high-water mark is the invocation's
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        var failures = JsonDocument.Parse(await answered).RootElement.GetProperty("batchItemFailures").GetArrayLength();
        // the function's own log line for the batch names its advisory store reads (functions/Scout.Functions.Aws/Handlers/QueueAnalysisHandler.cs)
        var batch = (await output).Split('\n').Where(l => l.Contains("\"message\":\"batch\"", StringComparison.Ordinal))
            .Select(l => JsonDocument.Parse(l).RootElement).LastOrDefault();
        var readMs = batch.ValueKind == JsonValueKind.Object && batch.TryGetProperty("advisoryReadMs", out var ms) && ms.ValueKind == JsonValueKind.Number ? ms.GetDouble() : -1;
        var calls = batch.ValueKind == JsonValueKind.Object && batch.TryGetProperty("advisoryStoreReads", out var n) && n.ValueKind == JsonValueKind.Number ? n.GetInt64() : -1;
        return new ColdFigures(mode, sinceStart, sinceStart, readMs, peak, -1, 0, -1, calls, failures == 0 ? "done" : $"{failures} batch item failures");
    }

    private static byte[] Event(string tenant, string uploadId) => JsonSerializer.SerializeToUtf8Bytes(new SqsEvent
    {
        Records =
        [
            new SqsMessage
            {
                MessageId = "m-" + uploadId, Body = AnalyzeImageMessageCodec.EncodeString(new AnalyzeImageMessage(tenant, uploadId)),
                EventSourceArn = "arn:aws:sqs:us-east-1:123456789012:scout-analysis", AwsRegion = "us-east-1",
                Attributes = new Dictionary<string, string> { ["ApproximateReceiveCount"] = "1" },
            },
        ],
    }, SqsJson.Default.SqsEvent);
}
