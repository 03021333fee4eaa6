using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Text;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Scout.Core.Api;

namespace Scout.Hosting.AspNetCore;

/// <summary>
/// Kestrel refuses some requests before any middleware runs (request line too long 414, headers too large 431, a
/// malformed request 400, an unsupported HTTP version 505) and answers them itself with an empty body. This puts the
/// API's `{error, detail}` body on those answers too, and turns the 505 into a 400 (the caller's mistake is never a
/// 5xx): Kestrel reports each refusal on its DiagnosticListener ("Microsoft.AspNetCore.Server.Kestrel.BadRequest")
/// just before it writes the bare answer, and the connection middleware below then writes ours in its place. A refused
/// request always closes its connection, so nothing Kestrel writes after that point is needed.
/// </summary>
public sealed class KestrelRejections : IObserver<KeyValuePair<string, object?>>
{
    public const string BadRequestEvent = "Microsoft.AspNetCore.Server.Kestrel.BadRequest";
    private readonly ConcurrentDictionary<string, RejectingTransport> connections = new(StringComparer.Ordinal);

    /// <summary>Listens to the host's DiagnosticListener (the one Kestrel writes to); dispose with the host.</summary>
    public IDisposable Observe(DiagnosticListener listener) => listener.Subscribe(this, name => name == BadRequestEvent);

    /// <summary>Puts the rewriter on every endpoint of the host (UseUrls ones included) and listens once the host is built.</summary>
    public static void UseFor(Microsoft.AspNetCore.Builder.WebApplicationBuilder builder, out KestrelRejections rejections)
    {
        var created = rejections = new KestrelRejections();
        builder.WebHost.ConfigureKestrel(k => k.ConfigureEndpointDefaults(listen => listen.Use(created.Middleware)));
    }

    /// <summary>Starts listening to the built host's DiagnosticListener until the host stops.</summary>
    public void ObserveHost(Microsoft.AspNetCore.Builder.WebApplication app)
    {
        var observing = Observe(app.Services.GetRequiredService<DiagnosticListener>());
        app.Lifetime.ApplicationStopped.Register(observing.Dispose);
    }

    /// <summary>The connection middleware (ListenOptions.Use): every connection's output goes through a RejectingTransport.</summary>
    public ConnectionDelegate Middleware(ConnectionDelegate next) => async connection =>
    {
        var transport = new RejectingTransport(connection.Transport);
        connections[connection.ConnectionId] = transport;
        connection.Transport = transport;
        try { await next(connection); }
        finally { connections.TryRemove(connection.ConnectionId, out _); }
    };

    /// <summary>How many refusals were answered with the JSON body (a figure for tests and logs).</summary>
    public int Rewritten => rewritten;
    private int rewritten;

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Value is not IFeatureCollection features) return;
        // Only HTTP/1.x answers are rewritten: an HTTP/2 stream's refusal travels in frames this writer must not touch.
        if (features.Get<Microsoft.AspNetCore.Server.Kestrel.Core.Features.IHttp2StreamIdFeature>() != null) return;
        if (features.Get<IHttpConnectionFeature>()?.ConnectionId is not { } id || !connections.TryGetValue(id, out var transport)) return;
        if (features.Get<IBadRequestExceptionFeature>()?.Error is not BadHttpRequestException e) return;
        transport.Reject(Answer(ErrorFor(e)));
        Interlocked.Increment(ref rewritten);
    }

    void IObserver<KeyValuePair<string, object?>>.OnCompleted() { }
    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error) { }

    /// <summary>The API error for a request Kestrel refused (also used when reading a body fails in the bridge).</summary>
    public static ApiError ErrorFor(BadHttpRequestException e)
    {
        var detail = "request: " + Detail(e.Message);
        return e.StatusCode switch
        {
            408 => new ApiError(408, "request_timeout", detail),
            411 => new ApiError(411, "length_required", detail),
            413 => ApiError.TooLarge(detail),
            414 => new ApiError(414, "uri_too_long", detail),
            431 => new ApiError(431, "headers_too_large", detail),
            405 => new ApiError(405, "method_not_allowed", detail),
            505 => ApiError.BadRequest(detail + " (HTTP/1.1 only)"),
            >= 400 and < 500 => new ApiError(e.StatusCode, "invalid_request", detail),
            _ => ApiError.BadRequest(detail),
        };
    }

    // Kestrel's message, one line and bounded (it may quote the caller's request line).
    private static string Detail(string message)
    {
        var line = string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return line.Length <= 200 ? line : line[..200] + "…";
    }

    private static byte[] Answer(ApiError error)
    {
        var response = error.ToResponse();
        var reason = response.Status switch
        {
            400 => "Bad Request", 405 => "Method Not Allowed", 408 => "Request Timeout", 411 => "Length Required",
            413 => "Payload Too Large", 414 => "URI Too Long", 431 => "Request Header Fields Too Large", _ => "Error",
        };
        var head = $"HTTP/1.1 {response.Status} {reason}\r\nContent-Type: {response.ContentType}\r\nContent-Length: {response.Body.Length}\r\n" +
            $"Date: {DateTimeOffset.UtcNow:R}\r\nConnection: close\r\nX-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\n\r\n";
        return [.. Encoding.ASCII.GetBytes(head), .. response.Body.Span];
    }

    private sealed class RejectingTransport(IDuplexPipe inner) : IDuplexPipe
    {
        private readonly RejectingWriter output = new(inner.Output);
        public PipeReader Input => inner.Input;
        public PipeWriter Output => output;
        public void Reject(byte[] answer) => output.Reject(answer);
    }

    /// <summary>
    /// Passes writes through until the connection's request is refused; from then on it discards what Kestrel writes
    /// (its bare answer) and writes the JSON answer once, at the next flush or on completion.
    /// </summary>
    private sealed class RejectingWriter(PipeWriter inner) : PipeWriter
    {
        private volatile byte[]? answer;
        private bool answered;
        private byte[] scratch = [];
        private bool discarding;

        public void Reject(byte[] bytes) => answer = bytes;

        public override Memory<byte> GetMemory(int sizeHint = 0) =>
            (discarding = answer != null) ? Scratch(sizeHint) : inner.GetMemory(sizeHint);

        public override Span<byte> GetSpan(int sizeHint = 0) =>
            (discarding = answer != null) ? Scratch(sizeHint).Span : inner.GetSpan(sizeHint);

        // Discarded bytes land here and are overwritten by the next write: they are Kestrel's bare answer and nothing after it.
        private Memory<byte> Scratch(int sizeHint)
        {
            if (scratch.Length < Math.Max(sizeHint, 4096)) scratch = new byte[Math.Max(sizeHint, 4096)];
            return scratch;
        }

        public override void Advance(int bytes)
        {
            if (!discarding) inner.Advance(bytes);
        }

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
        {
            WriteAnswer();
            return inner.FlushAsync(cancellationToken);
        }

        private void WriteAnswer()
        {
            if (answered || answer is not { } bytes) return;
            answered = true;
            inner.Write(bytes);
        }

        public override void CancelPendingFlush() => inner.CancelPendingFlush();

        public override void Complete(Exception? exception = null)
        {
            WriteAnswer();
            inner.Complete(exception);
        }

        public override async ValueTask CompleteAsync(Exception? exception = null)
        {
            if (!answered && answer != null)
            {
                WriteAnswer();
                await inner.FlushAsync();
            }
            await inner.CompleteAsync(exception);
        }

        public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;
        public override long UnflushedBytes => inner.UnflushedBytes;
    }
}
