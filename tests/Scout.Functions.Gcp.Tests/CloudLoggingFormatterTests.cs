using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Scout.Functions.Gcp.Logging;

namespace Scout.Functions.Gcp.Tests;

public sealed class CloudLoggingFormatterTests
{
    [Fact]
    public void Log_lines_are_cloud_logging_json_with_severity_message_and_trace()
    {
        var scopes = new LoggerExternalScopeProvider();
        using var _ = scopes.Push(new Dictionary<string, object?> { [CloudLoggingFormatter.TraceKey] = "projects/p/traces/abc" });
        var state = new Dictionary<string, object?> { ["UploadId"] = "u-1", ["Attempt"] = 3, ["{OriginalFormat}"] = "x" };
        var entry = new LogEntry<Dictionary<string, object?>>(LogLevel.Warning, "scout", default, state, null, (s, e) => "analysis failed for u-1");
        using var writer = new StringWriter();
        new CloudLoggingFormatter().Write(entry, scopes, writer);

        var line = writer.ToString();
        Assert.EndsWith("\n", line);
        Assert.Single(line.Trim().Split('\n'));
        using var doc = JsonDocument.Parse(line);
        Assert.Equal("WARNING", doc.RootElement.GetProperty("severity").GetString());
        Assert.Equal("analysis failed for u-1", doc.RootElement.GetProperty("message").GetString());
        Assert.Equal("projects/p/traces/abc", doc.RootElement.GetProperty("logging.googleapis.com/trace").GetString());
        Assert.Equal("u-1", doc.RootElement.GetProperty("UploadId").GetString());
        Assert.Equal(3, doc.RootElement.GetProperty("Attempt").GetInt32());
        Assert.False(doc.RootElement.TryGetProperty("{OriginalFormat}", out var _));
    }

    [Theory]
    [InlineData("105445aa7843bc8bf206b12000100000/1;o=1", null, "projects/p/traces/105445aa7843bc8bf206b12000100000")]
    [InlineData(null, "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "projects/p/traces/4bf92f3577b34da6a3ce929d0e0e4736")]
    [InlineData(null, null, null)]
    public void Trace_resource_comes_from_the_request_headers(string? cloudTrace, string? traceparent, string? expected) =>
        Assert.Equal(expected, CloudTrace.Resource("p", cloudTrace, traceparent));

    [Theory]
    [InlineData(LogLevel.Debug, "DEBUG")]
    [InlineData(LogLevel.Information, "INFO")]
    [InlineData(LogLevel.Error, "ERROR")]
    [InlineData(LogLevel.Critical, "CRITICAL")]
    public void Levels_map_to_cloud_logging_severities(LogLevel level, string severity) => Assert.Equal(severity, CloudLoggingFormatter.Severity(level));
}
