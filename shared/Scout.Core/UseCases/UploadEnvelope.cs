using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Scout.Core.Model;
using Scout.Core.Ports;

namespace Scout.Core.UseCases;

/// <summary>A body over a size cap: HTTP 413.</summary>
public sealed class PayloadTooLargeException(string message) : InputException(message);

/// <summary>The upload envelope of DESIGN.md section 5, validated field by field.</summary>
public sealed record UploadEnvelope(ImageMetadata Image, byte[] Sbom, EnvironmentInput? Environment);

public sealed record EnvironmentInput(string Namespace, string WorkloadName, string WorkloadType);

public static partial class UploadEnvelopeParser
{
    [GeneratedRegex("^(sha256:[0-9a-f]{64}|sha384:[0-9a-f]{96}|sha512:[0-9a-f]{128})$")]
    public static partial Regex DigestPattern();

    [GeneratedRegex("^[0-9]{1,5}(/(tcp|udp|sctp))?$")]
    private static partial Regex PortPattern();

    public static UploadEnvelope Parse(ReadOnlyMemory<byte> json, UploadLimits limits)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = limits.MaxJsonDepth });
        }
        catch (JsonException e)
        {
            throw new InputException($"body: not valid JSON ({Trim(e.Message)})");
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new InputException("body: expected a JSON object");
            foreach (var p in root.EnumerateObject())
                if (p.Name is not ("image" or "sbom" or "sbomBase64" or "environment"))
                    throw new InputException($"{p.Name}: unknown field (expected image, sbom or sbomBase64, environment)");
            var image = ParseImage(Required(root, "image", JsonValueKind.Object, "image"), limits);
            var sbom = ParseSbom(root);
            var environment = root.TryGetProperty("environment", out var env) && env.ValueKind != JsonValueKind.Null
                ? ParseEnvironment(env) : null;
            return new UploadEnvelope(image, sbom, environment);
        }
    }

    private static ImageMetadata ParseImage(JsonElement image, UploadLimits limits)
    {
        var digest = String(Required(image, "digest", JsonValueKind.String, "image.digest"), "image.digest");
        if (!DigestPattern().IsMatch(digest)) throw new InputException("image.digest: expected sha256:<64 lowercase hex>");
        DateTimeOffset? createdAt = null;
        if (Optional(image, "createdAt", JsonValueKind.String, "image.createdAt") is { } created)
        {
            if (!DateTimeOffset.TryParse(created.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at))
                throw new InputException("image.createdAt: expected an RFC 3339 timestamp");
            createdAt = at;
        }
        var ports = Strings(image, "exposedPorts", "image.exposedPorts", 1024);
        for (var i = 0; i < ports.Count; i++)
            if (!PortPattern().IsMatch(ports[i])) throw new InputException($"image.exposedPorts[{i}]: expected PORT or PORT/PROTO like 80/tcp");
        var env = new List<EnvVar>();
        if (Optional(image, "env", JsonValueKind.Array, "image.env") is { } envArray)
        {
            var i = 0;
            foreach (var e in envArray.EnumerateArray())
            {
                var path = $"image.env[{i++}]";
                if (e.ValueKind != JsonValueKind.Object) throw new InputException($"{path}: expected {{name, value}}");
                var name = String(Required(e, "name", JsonValueKind.String, path + ".name"), path + ".name");
                if (name.Length == 0) throw new InputException($"{path}.name: must not be empty");
                var value = Optional(e, "value", JsonValueKind.String, path + ".value")?.GetString() ?? "";
                env.Add(new EnvVar(name, value));
            }
            if (env.Count > limits.MaxEnvVars) throw new InputException($"image.env: more than {limits.MaxEnvVars} variables");
        }
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Optional(image, "labels", JsonValueKind.Object, "image.labels") is { } labelObject)
        {
            foreach (var l in labelObject.EnumerateObject())
            {
                // The position, not the key: a label key can carry a secret and errors never repeat one.
                if (l.Value.ValueKind != JsonValueKind.String) throw new InputException($"image.labels (label {labels.Count + 1}): expected a string value");
                labels[l.Name] = l.Value.GetString()!;
            }
            if (labels.Count > limits.MaxLabels) throw new InputException($"image.labels: more than {limits.MaxLabels} labels");
        }
        var layers = Strings(image, "layers", "image.layers", limits.MaxLayers);
        for (var i = 0; i < layers.Count; i++)
            if (!DigestPattern().IsMatch(layers[i])) throw new InputException($"image.layers[{i}]: expected a digest like sha256:<64 hex>");
        ImageOs? os = null;
        if (Optional(image, "os", JsonValueKind.Object, "image.os") is { } osObject)
            os = new ImageOs(OptionalString(osObject, "type", "image.os.type"), OptionalString(osObject, "version", "image.os.version"));
        RegistryInfo? registry = null;
        if (Optional(image, "registry", JsonValueKind.Object, "image.registry") is { } reg)
            registry = new RegistryInfo(OptionalString(reg, "url", "image.registry.url"), OptionalString(reg, "type", "image.registry.type"));
        return new ImageMetadata
        {
            Digest = digest, CreatedAt = createdAt, ExposedPorts = ports, Env = env, Labels = labels, Layers = layers,
            Architecture = OptionalString(image, "architecture", "image.architecture"), Os = os, Registry = registry,
        };
    }

    private static byte[] ParseSbom(JsonElement root)
    {
        var hasJson = root.TryGetProperty("sbom", out var sbom) && sbom.ValueKind != JsonValueKind.Null;
        var hasBase64 = root.TryGetProperty("sbomBase64", out var b64) && b64.ValueKind != JsonValueKind.Null;
        if (hasJson == hasBase64) throw new InputException("sbom: exactly one of sbom (JSON) or sbomBase64 is required");
        if (hasJson)
        {
            if (sbom.ValueKind != JsonValueKind.Object) throw new InputException("sbom: expected a JSON object (CycloneDX, SPDX, in-toto statement or DSSE envelope)");
            return System.Text.Encoding.UTF8.GetBytes(sbom.GetRawText());
        }
        if (b64.ValueKind != JsonValueKind.String) throw new InputException("sbomBase64: expected a base64 string");
        try
        {
            var bytes = Convert.FromBase64String(b64.GetString()!);
            if (bytes.Length == 0) throw new InputException("sbomBase64: empty document");
            return bytes;
        }
        catch (FormatException)
        {
            throw new InputException("sbomBase64: not valid base64");
        }
    }

    public static EnvironmentInput ParseEnvironment(JsonElement env, string path = "environment")
    {
        if (env.ValueKind != JsonValueKind.Object) throw new InputException($"{path}: expected {{namespace, workloadName, workloadType}}");
        string Field(string name)
        {
            var value = String(Required(env, name, JsonValueKind.String, $"{path}.{name}"), $"{path}.{name}");
            if (value.Length is 0 or > 253) throw new InputException($"{path}.{name}: 1 to 253 characters");
            return value;
        }
        return new EnvironmentInput(Field("namespace"), Field("workloadName"), Field("workloadType"));
    }

    internal static JsonElement Required(JsonElement obj, string name, JsonValueKind kind, string path) =>
        Optional(obj, name, kind, path) ?? throw new InputException($"{path}: required");

    internal static JsonElement? Optional(JsonElement obj, string name, JsonValueKind kind, string path)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != kind) throw new InputException($"{path}: expected {Describe(kind)}, got {Describe(value.ValueKind)}");
        return value;
    }

    private static string? OptionalString(JsonElement obj, string name, string path) => Optional(obj, name, JsonValueKind.String, path)?.GetString();

    private static string String(JsonElement value, string path) => value.GetString() ?? throw new InputException($"{path}: required");

    private static List<string> Strings(JsonElement obj, string name, string path, int max)
    {
        var list = new List<string>();
        if (Optional(obj, name, JsonValueKind.Array, path) is not { } array) return list;
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String) throw new InputException($"{path}[{i}]: expected a string");
            list.Add(item.GetString()!);
            if (++i > max) throw new InputException($"{path}: more than {max} entries");
        }
        return list;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object", JsonValueKind.Array => "an array", JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number", JsonValueKind.True or JsonValueKind.False => "a boolean", _ => "null",
    };

    /// <summary>The parser's reason and position without its JSON path: the path repeats property names (label keys).</summary>
    private static string Trim(string message)
    {
        var path = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (path >= 0)
        {
            var bar = message.IndexOf(" | ", path, StringComparison.Ordinal);
            message = message[..path] + (bar >= 0 ? " " + message[(bar + 3)..] : "");
        }
        return message.Length > 200 ? message[..200] : message;
    }
}
