using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Scout.Core.Ports;
using Scout.Core.Serialization;
using Scout.Testing.Servers;

namespace Scout.Bench.ColdIndex;

/// <summary>
/// The queue function as Cloud Run starts it: the real host (functions/Scout.Functions.Gcp, SCOUT_FUNCTION=queue; JIT
/// build or the ReadyToRun publish of scripts/publish-gcp.sh) in a new process, sent one Pub/Sub push naming the queued
/// upload as soon as its port accepts (Cloud Run holds the request that woke the instance until then). Timed from the
/// process start to the push's answer.
/// </summary>
internal static class CloudRunColdRun
{
    public static async Task<ColdFigures> RunAsync(string mode, IReadOnlyList<string> command, string tenant, string uploadId)
    {
        var port = AwsServerProcess.FreePort();
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in command.Skip(1)) start.ArgumentList.Add(a);
        start.Environment["SCOUT_FUNCTION"] = "queue";
        start.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
            var push = Push(uploadId, new AnalyzeImageMessage(tenant, uploadId));
            while (true)
            {
                if (process.HasExited)
                    throw new InvalidOperationException($"{mode}: the host exited ({process.ExitCode}) before it answered: {await errors}{await output}");
                try
                {
                    using var response = await http.PostAsJsonAsync($"http://127.0.0.1:{port}/", push);
                    var sinceStart = clock.Elapsed.TotalMilliseconds;
                    var peak = ColdRun.PeakRssMiB($"/proc/{process.Id}/status");
                    var outcome = response.IsSuccessStatusCode ? "acked" : $"HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
                    return new ColdFigures(mode, sinceStart, sinceStart, -1, peak, -1, 0, -1, -1, outcome);
                }
                catch (HttpRequestException e) when (e.InnerException is SocketException)
                {
                    await Task.Delay(5); // not listening yet
                }
            }
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>The body a Pub/Sub push subscription posts (DESIGN.md's queue message, base64 in message.data).</summary>
    private static JsonObject Push(string id, AnalyzeImageMessage message) => new()
    {
        ["message"] = new JsonObject
        {
            ["data"] = Convert.ToBase64String(AnalyzeImageMessageCodec.Encode(message)),
            ["messageId"] = "m-" + id,
            ["publishTime"] = DateTimeOffset.UtcNow.ToString("O"),
        },
        ["subscription"] = "projects/cold-bench/subscriptions/scout-analyze-worker",
        ["deliveryAttempt"] = 1,
    };
}
