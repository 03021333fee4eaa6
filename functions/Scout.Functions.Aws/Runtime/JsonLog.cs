using System.Text;
using System.Text.Json;

namespace Scout.Functions.Aws.Runtime;

/// <summary>
/// One JSON object per line on stdout (CloudWatch Logs parses them): time, level, message, the Lambda request id
/// and the handler, plus any fields given. Written with Utf8JsonWriter: no reflection, safe under trimming.
/// </summary>
public sealed class JsonLog(TextWriter output, string handler)
{
    private readonly Lock gate = new();

    public string Handler => handler;

    public void Info(string message, string? requestId = null, params (string Name, object? Value)[] fields) => Write("info", message, requestId, fields);
    public void Warn(string message, string? requestId = null, params (string Name, object? Value)[] fields) => Write("warn", message, requestId, fields);
    public void Error(string message, string? requestId = null, params (string Name, object? Value)[] fields) => Write("error", message, requestId, fields);

    public void Write(string level, string message, string? requestId, (string Name, object? Value)[] fields)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("time", DateTimeOffset.UtcNow);
            json.WriteString("level", level);
            json.WriteString("handler", handler);
            if (requestId is not null) json.WriteString("requestId", requestId);
            json.WriteString("message", message);
            foreach (var (name, value) in fields)
            {
                switch (value)
                {
                    case null: json.WriteNull(name); break;
                    case int i: json.WriteNumber(name, i); break;
                    case long l: json.WriteNumber(name, l); break;
                    case double d: json.WriteNumber(name, d); break;
                    case bool b: json.WriteBoolean(name, b); break;
                    default: json.WriteString(name, value.ToString()); break;
                }
            }
            json.WriteEndObject();
        }
        var line = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        lock (gate)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }
}
