using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Scout.Functions.Gcp.Logging;

/// <summary>
/// One JSON object per line in the shape Cloud Logging reads from a Cloud Run container's stdout: severity, message,
/// time, logging.googleapis.com/trace (from the request's trace scope) and the event's fields.
/// </summary>
public sealed class CloudLoggingFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "cloud-logging";
    public const string TraceKey = "logging.googleapis.com/trace";

    public override void Write<TState>(in LogEntry<TState> entry, IExternalScopeProvider? scopes, TextWriter writer)
    {
        var message = entry.Formatter(entry.State, entry.Exception);
        if (entry.Exception != null) message += "\n" + entry.Exception;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("severity", Severity(entry.LogLevel));
            json.WriteString("message", message);
            json.WriteString("time", DateTimeOffset.UtcNow.ToString("O"));
            json.WriteString("logger", entry.Category);
            scopes?.ForEachScope((scope, w) => WriteFields(scope, w), json);
            if (entry.State is IEnumerable<KeyValuePair<string, object?>> fields) WriteFields(fields, json);
            json.WriteEndObject();
        }
        writer.Write(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        writer.Write('\n');
    }

    public static string Severity(LogLevel level) => level switch
    {
        LogLevel.Trace or LogLevel.Debug => "DEBUG",
        LogLevel.Information => "INFO",
        LogLevel.Warning => "WARNING",
        LogLevel.Error => "ERROR",
        LogLevel.Critical => "CRITICAL",
        _ => "DEFAULT",
    };

    private static void WriteFields(object? scope, Utf8JsonWriter json)
    {
        if (scope is not IEnumerable<KeyValuePair<string, object?>> pairs) return;
        foreach (var (key, value) in pairs)
        {
            if (key == "{OriginalFormat}" || key is "severity" or "message" or "time") continue;
            json.WritePropertyName(key);
            switch (value)
            {
                case null: json.WriteNullValue(); break;
                case int or long or double: json.WriteRawValue(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!); break;
                case bool b: json.WriteBooleanValue(b); break;
                default: json.WriteStringValue(value.ToString()); break;
            }
        }
    }
}

/// <summary>The Cloud Trace id of a request (X-Cloud-Trace-Context: TRACE_ID/SPAN_ID;o=1, or W3C traceparent).</summary>
public static class CloudTrace
{
    public static string? Resource(string? projectId, string? cloudTraceContext, string? traceparent)
    {
        var traceId = cloudTraceContext?.Split('/', 2)[0];
        if (string.IsNullOrEmpty(traceId) && traceparent?.Split('-') is { Length: >= 2 } parts) traceId = parts[1];
        if (string.IsNullOrEmpty(traceId) || string.IsNullOrEmpty(projectId)) return null;
        return $"projects/{projectId}/traces/{traceId}";
    }
}
