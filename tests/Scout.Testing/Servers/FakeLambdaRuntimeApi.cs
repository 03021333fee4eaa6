using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Threading.Channels;
namespace Scout.Testing.Servers;

/// <summary>
/// A local stand-in for the Lambda Runtime API (2018-06-01) on 127.0.0.1: hands out queued invocations on
/// GET .../invocation/next and records what the runtime posts back.
/// </summary>
public sealed class FakeLambdaRuntimeApi : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly Channel<(string Id, byte[] Payload, DateTimeOffset? Deadline)> pending = Channel.CreateUnbounded<(string, byte[], DateTimeOffset?)>();
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    public FakeLambdaRuntimeApi()
    {
        var port = AwsServerProcess.FreePort();
        Address = $"127.0.0.1:{port}";
        listener.Prefixes.Add($"http://{Address}/");
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    /// <summary>host:port, as AWS_LAMBDA_RUNTIME_API gives it.</summary>
    public string Address { get; }

    public ConcurrentDictionary<string, byte[]> Responses { get; } = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<byte[]>> answered = new();
    public ConcurrentDictionary<string, (string ErrorType, byte[] Body)> Errors { get; } = new();
    public ConcurrentQueue<byte[]> InitErrors { get; } = new();

    /// <summary>The first thing the runtime posts (a response, an invocation error or an init error): where a cold start ends.</summary>
    public Task<(string Path, byte[] Body)> FirstPost => firstPost.Task;
    private readonly TaskCompletionSource<(string, byte[])> firstPost = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The response the runtime posts for an invocation, when it posts it (benchmarks time a cold start by it).</summary>
    public Task<byte[]> ResponseAsync(string requestId) => Answer(requestId).Task;

    private TaskCompletionSource<byte[]> Answer(string requestId) =>
        answered.GetOrAdd(requestId, _ => new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously));

    public void Enqueue(string requestId, byte[] payload, DateTimeOffset? deadline = null) =>
        pending.Writer.TryWrite((requestId, payload, deadline ?? DateTimeOffset.UtcNow.AddMinutes(1)));

    private async Task ServeAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try { context = await listener.GetContextAsync(); }
            catch (Exception) when (stop.IsCancellationRequested) { return; }
            catch (HttpListenerException) { return; }
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var path = context.Request.Url!.AbsolutePath;
        var response = context.Response;
        try
        {
            if (context.Request.HttpMethod == "GET" && path == "/2018-06-01/runtime/invocation/next")
            {
                var (id, payload, deadline) = await pending.Reader.ReadAsync(stop.Token);
                response.Headers["Lambda-Runtime-Aws-Request-Id"] = id;
                if (deadline is { } d) response.Headers["Lambda-Runtime-Deadline-Ms"] = d.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
                response.Headers["Lambda-Runtime-Invoked-Function-Arn"] = "arn:aws:lambda:us-east-1:123456789012:function:scout-test";
                response.Headers["Lambda-Runtime-Trace-Id"] = "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700";
                response.StatusCode = 200;
                await response.OutputStream.WriteAsync(payload);
            }
            else if (context.Request.HttpMethod == "POST")
            {
                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
                firstPost.TrySetResult((path, body.ToArray()));
                if (path == "/2018-06-01/runtime/init/error") InitErrors.Enqueue(body.ToArray());
                else if (parts is [_, "runtime", "invocation", var id, "response"])
                {
                    var requestId = Uri.UnescapeDataString(id);
                    Responses[requestId] = body.ToArray();
                    Answer(requestId).TrySetResult(body.ToArray());
                }
                else if (parts is [_, "runtime", "invocation", var failed, "error"])
                    Errors[Uri.UnescapeDataString(failed)] = (context.Request.Headers["Lambda-Runtime-Function-Error-Type"] ?? "", body.ToArray());
                else { response.StatusCode = 404; response.Close(); return; }
                response.StatusCode = 202;
            }
            else response.StatusCode = 404;
            response.Close();
        }
        catch (OperationCanceledException)
        {
            response.Abort();
        }
    }

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        listener.Close();
        try { loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }
}
