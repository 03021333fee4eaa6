using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Data.Sqlite;

namespace Scout.Cli.Tests.Security;

/// <summary>
/// Looks for clear values in everything a backend holds: raw bytes and, for gzip blobs (upload documents are stored
/// compressed), the decompressed bytes too. Reads stores through their own APIs (SQLite tables, a DynamoDB scan, a
/// Firestore query over every collection) and the raw SQLite files (WAL and freed pages included).
/// </summary>
public sealed class AtRestScan(SecretCases cases)
{
    private readonly List<string> hits = [];
    public int ValuesScanned { get; private set; }
    public IReadOnlyList<string> Hits => hits;

    public void Text(string where, string text)
    {
        ValuesScanned++;
        foreach (var c in cases.FoundIn(text)) hits.Add($"{where}: {c}");
    }

    public void Bytes(string where, byte[] bytes)
    {
        Text(where, Encoding.UTF8.GetString(bytes));
        Text(where + " (latin1)", Encoding.Latin1.GetString(bytes));
        if (bytes.Length > 2 && bytes[0] == 0x1f && bytes[1] == 0x8b)
        {
            try
            {
                using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
                using var output = new MemoryStream();
                gzip.CopyTo(output);
                Bytes(where + " (gunzip)", output.ToArray());
            }
            catch (InvalidDataException) { }
        }
    }

    /// <summary>Every file under the folder as bytes, and every cell of every SQLite database in it.</summary>
    public void SqliteFolder(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            Bytes(file, File.ReadAllBytes(file));
            if (!file.EndsWith(".db", StringComparison.Ordinal)) continue;
            using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
            connection.Open();
            var tables = new List<string>();
            using (var list = connection.CreateCommand())
            {
                list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
                using var r = list.ExecuteReader();
                while (r.Read()) tables.Add(r.GetString(0));
            }
            foreach (var table in tables)
            {
                using var select = connection.CreateCommand();
                select.CommandText = $"SELECT * FROM \"{table}\"";
                using var r = select.ExecuteReader();
                while (r.Read())
                    for (var i = 0; i < r.FieldCount; i++)
                        switch (r.GetValue(i))
                        {
                            case byte[] b: Bytes($"{file}:{table}.{r.GetName(i)}", b); break;
                            case string s: Text($"{file}:{table}.{r.GetName(i)}", s); break;
                        }
            }
        }
    }

    public async Task DynamoDbTableAsync(IAmazonDynamoDB client, string table)
    {
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await client.ScanAsync(new ScanRequest { TableName = table, ExclusiveStartKey = start });
            foreach (var item in page.Items)
                foreach (var (name, value) in item) Attribute($"{table}.{name}", value);
            start = page.LastEvaluatedKey is { Count: > 0 } k ? k : null;
        } while (start != null);
    }

    private void Attribute(string where, AttributeValue v)
    {
        if (v.S != null) Text(where, v.S);
        if (v.B != null) Bytes(where, v.B.ToArray());
        foreach (var s in v.SS ?? []) Text(where, s);
        foreach (var b in v.BS ?? []) Bytes(where, b.ToArray());
        foreach (var e in v.L ?? []) Attribute(where, e);
        foreach (var (k, e) in v.M ?? []) { Text(where, k); Attribute($"{where}.{k}", e); }
    }

    /// <summary>Every document of the database: a query over all descendant collections of the root.</summary>
    public async Task FirestoreAsync(string emulatorHostPort, string projectId)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://{emulatorHostPort}/") };
        http.DefaultRequestHeaders.Authorization = new("Bearer", "owner");
        var body = """{"structuredQuery":{"from":[{"allDescendants":true}]}}""";
        var response = await http.PostAsync($"v1/projects/{projectId}/databases/(default)/documents:runQuery",
            new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Firestore query: {(int)response.StatusCode} {text}");
        Text("firestore", text);
        using var doc = JsonDocument.Parse(text);
        var documents = 0;
        foreach (var row in doc.RootElement.EnumerateArray())
            if (row.TryGetProperty("document", out var d))
            {
                documents++;
                Walk(d.GetProperty("name").GetString()!, d);
            }
        if (documents == 0) throw new InvalidOperationException("Firestore query returned no documents: nothing was scanned");
    }

    private void Walk(string where, JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject())
                {
                    if (p.Name == "bytesValue" && p.Value.ValueKind == JsonValueKind.String) Bytes(where, Convert.FromBase64String(p.Value.GetString()!));
                    else Walk(where, p.Value);
                }
                break;
            case JsonValueKind.Array:
                foreach (var x in e.EnumerateArray()) Walk(where, x);
                break;
            case JsonValueKind.String:
                Text(where, e.GetString()!);
                break;
        }
    }
}
