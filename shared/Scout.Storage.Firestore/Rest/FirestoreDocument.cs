using System.Text.Json;
using System.Text.Json.Nodes;

namespace Scout.Storage.Firestore.Rest;

/// <summary>A document as read: its name, update time (for preconditions) and top-level fields in REST value form.</summary>
public sealed class FirestoreDocument(string name, string? updateTime, Dictionary<string, JsonElement> fields)
{
    public string Name { get; } = name;
    public string? UpdateTime { get; } = updateTime;
    public IReadOnlyDictionary<string, JsonElement> Fields => fields;

    public static FirestoreDocument Parse(JsonElement e)
    {
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (e.TryGetProperty("fields", out var f))
            foreach (var p in f.EnumerateObject()) fields[p.Name] = p.Value.Clone();
        return new FirestoreDocument(e.GetProperty("name").GetString()!,
            e.TryGetProperty("updateTime", out var u) ? u.GetString() : null, fields);
    }

    public string? String(string field) =>
        fields.TryGetValue(field, out var v) && v.TryGetProperty("stringValue", out var s) ? s.GetString() : null;

    public string RequiredString(string field) =>
        String(field) ?? throw new InvalidDataException($"document {Name} has no string field '{field}'");

    public long Integer(string field) =>
        fields.TryGetValue(field, out var v) && v.TryGetProperty("integerValue", out var s) ? long.Parse(s.GetString()!) : 0;

    public byte[]? Bytes(string field) =>
        fields.TryGetValue(field, out var v) && v.TryGetProperty("bytesValue", out var s) ? s.GetBytesFromBase64() : null;

    public IReadOnlyList<string> StringArray(string field)
    {
        if (!fields.TryGetValue(field, out var v) || !v.TryGetProperty("arrayValue", out var a) || !a.TryGetProperty("values", out var values))
            return [];
        return values.EnumerateArray().Select(x => x.GetProperty("stringValue").GetString()!).ToList();
    }
}

/// <summary>Builders of REST values and writes.</summary>
public static class Fs
{
    public static JsonObject Str(string value) => new() { ["stringValue"] = value };
    public static JsonObject Int(long value) => new() { ["integerValue"] = value.ToString(System.Globalization.CultureInfo.InvariantCulture) };
    public static JsonObject Bytes(ReadOnlySpan<byte> value) => new() { ["bytesValue"] = Convert.ToBase64String(value) };
    public static JsonObject Time(DateTimeOffset value) => new() { ["timestampValue"] = value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'") };
    public static JsonObject Null() => new() { ["nullValue"] = null };
    public static JsonObject Ref(string name) => new() { ["referenceValue"] = name };
    public static JsonObject StrArray(IEnumerable<string> values) =>
        new() { ["arrayValue"] = new JsonObject { ["values"] = new JsonArray([.. values.Select(v => (JsonNode)Str(v))]) } };
    public static JsonObject StrOrNull(string? value) => value == null ? Null() : Str(value);

    /// <summary>Full replacement of a document.</summary>
    public static JsonObject Set(string name, JsonObject fields) =>
        new() { ["update"] = new JsonObject { ["name"] = name, ["fields"] = fields } };

    /// <summary>Creates the document; the commit fails with ALREADY_EXISTS if it is there.</summary>
    public static JsonObject Create(string name, JsonObject fields) =>
        Precondition(Set(name, fields), new JsonObject { ["exists"] = false });

    /// <summary>Replaces the document only if it is unchanged since <paramref name="updateTime"/> (or still absent when null).</summary>
    public static JsonObject Replace(string name, JsonObject fields, string? updateTime) =>
        Precondition(Set(name, fields), updateTime == null ? new JsonObject { ["exists"] = false } : new JsonObject { ["updateTime"] = updateTime });

    /// <summary>Updates only the named fields of an existing document (NOT_FOUND if missing).</summary>
    public static JsonObject Patch(string name, JsonObject fields)
    {
        var mask = new JsonArray([.. fields.Select(f => (JsonNode)JsonValue.Create(f.Key))]);
        var write = Set(name, fields);
        write["updateMask"] = new JsonObject { ["fieldPaths"] = mask };
        return Precondition(write, new JsonObject { ["exists"] = true });
    }

    public static JsonObject Delete(string name) => new() { ["delete"] = name };

    /// <summary>Deletes the document only if it is unchanged since <paramref name="updateTime"/>.</summary>
    public static JsonObject DeleteIfUnchanged(string name, string? updateTime) => updateTime == null ? Delete(name)
        : Precondition(Delete(name), new JsonObject { ["updateTime"] = updateTime });

    private static JsonObject Precondition(JsonObject write, JsonObject precondition)
    {
        write["currentDocument"] = precondition;
        return write;
    }

    // Query pieces
    public static JsonObject From(string collectionId, bool allDescendants = false) =>
        new() { ["from"] = new JsonArray(new JsonObject { ["collectionId"] = collectionId, ["allDescendants"] = allDescendants }) };

    public static JsonObject FieldFilter(string field, string op, JsonObject value) =>
        new() { ["fieldFilter"] = new JsonObject { ["field"] = new JsonObject { ["fieldPath"] = field }, ["op"] = op, ["value"] = value } };

    public static JsonObject And(params JsonObject[] filters) => filters.Length == 1 ? filters[0]
        : new() { ["compositeFilter"] = new JsonObject { ["op"] = "AND", ["filters"] = new JsonArray([.. filters]) } };
}
