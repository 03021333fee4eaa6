using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Scout.Functions.Aws.Events;

namespace Scout.Functions.Aws.Runtime;

/// <summary>One invocation as the Runtime API hands it out.</summary>
public sealed record LambdaInvocation(string RequestId, byte[] Payload, DateTimeOffset? Deadline, string? FunctionArn, string? TraceId);

/// <summary>
/// The Lambda Runtime API (2018-06-01) for a custom runtime (provided.al2023): long-poll the next invocation,
/// post its response or error, or report an initialization error. AWS_LAMBDA_RUNTIME_API gives host:port.
/// </summary>
public sealed class LambdaRuntimeClient : IDisposable
{
    private const string Version = "2018-06-01";
    private readonly HttpClient http;

    public LambdaRuntimeClient(string runtimeApi, HttpMessageHandler? handler = null)
    {
        if (string.IsNullOrWhiteSpace(runtimeApi))
            throw new ArgumentException("AWS_LAMBDA_RUNTIME_API is not set: this program runs as a Lambda custom runtime", nameof(runtimeApi));
        http = new HttpClient(handler ?? new SocketsHttpHandler(), disposeHandler: true)
        {
            BaseAddress = new Uri($"http://{runtimeApi}/{Version}/"),
            Timeout = Timeout.InfiniteTimeSpan, // the next-invocation call blocks until there is one
        };
    }

    public async Task<LambdaInvocation> NextAsync(CancellationToken ct)
    {
        using var response = await http.GetAsync("runtime/invocation/next", HttpCompletionOption.ResponseHeadersRead, ct);
        response.EnsureSuccessStatusCode();
        var requestId = Header(response, "Lambda-Runtime-Aws-Request-Id")
            ?? throw new InvalidOperationException("the Runtime API returned an invocation without Lambda-Runtime-Aws-Request-Id");
        DateTimeOffset? deadline = long.TryParse(Header(response, "Lambda-Runtime-Deadline-Ms"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;
        var payload = await response.Content.ReadAsByteArrayAsync(ct);
        return new LambdaInvocation(requestId, payload, deadline, Header(response, "Lambda-Runtime-Invoked-Function-Arn"), Header(response, "Lambda-Runtime-Trace-Id"));
    }

    public async Task RespondAsync(string requestId, byte[] response, CancellationToken ct)
    {
        using var content = new ByteArrayContent(response);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var result = await http.PostAsync($"runtime/invocation/{Uri.EscapeDataString(requestId)}/response", content, ct);
        result.EnsureSuccessStatusCode();
    }

    public Task ReportInvocationErrorAsync(string requestId, Exception error, CancellationToken ct) =>
        PostErrorAsync($"runtime/invocation/{Uri.EscapeDataString(requestId)}/error", error, ct);

    public Task ReportInitErrorAsync(Exception error, CancellationToken ct) => PostErrorAsync("runtime/init/error", error, ct);

    private async Task PostErrorAsync(string path, Exception error, CancellationToken ct)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new LambdaError
        {
            ErrorMessage = error.Message,
            ErrorType = error.GetType().Name,
            StackTrace = (error.StackTrace ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        }, LambdaJson.Default.LambdaError);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.Add("Lambda-Runtime-Function-Error-Type", "Unhandled");
        using var result = await http.PostAsync(path, content, ct);
        result.EnsureSuccessStatusCode();
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    public void Dispose() => http.Dispose();
}
