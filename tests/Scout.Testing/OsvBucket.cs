using System.Globalization;
using System.IO.Compression;
using System.Text.Json.Nodes;

namespace Scout.Testing;

/// <summary>
/// A feed in OSV's bucket layout written to a temp folder: ecosystems.txt, &lt;Ecosystem&gt;/all.zip,
/// &lt;Ecosystem&gt;/&lt;ID&gt;.json and &lt;Ecosystem&gt;/modified_id.csv (newest first). Serve it with
/// <see cref="OsvBucketServer"/>; publish a new advisory with <see cref="Put"/> then <see cref="Publish"/>.
/// </summary>
public sealed class OsvBucket : IDisposable
{
    private readonly Dictionary<string, Dictionary<string, JsonObject>> records = new();
    private readonly object gate = new();

    public string Root { get; } = Directory.CreateTempSubdirectory("scout-osv-bucket-").FullName;

    /// <summary>A real OSV record from the public test data (SCOUT_TESTDATA/osv/&lt;folder&gt;/&lt;id&gt;.json).</summary>
    public static JsonObject Real(string ecosystemFolder, string id) =>
        JsonNode.Parse(File.ReadAllText(TestData.Path("osv", ecosystemFolder, id + ".json")))!.AsObject();

    /// <summary>RFC 3339 with second precision, as modified_id.csv lists it.</summary>
    public static string Rfc3339(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public OsvBucket Put(string ecosystem, JsonObject record)
    {
        lock (gate)
        {
            if (!records.TryGetValue(ecosystem, out var eco)) records[ecosystem] = eco = new();
            eco[(string)record["id"]!] = record;
        }
        return this;
    }

    /// <summary>Writes the bucket files; the record files before the listing, as a feed publishes them.
    /// With <paramref name="zip"/> false all.zip stays as it was (a stale snapshot).</summary>
    public OsvBucket Publish(bool zip = true)
    {
        lock (gate)
        {
            foreach (var (eco, recs) in records)
            {
                var dir = Directory.CreateDirectory(Path.Combine(Root, eco)).FullName;
                foreach (var (id, rec) in recs) WriteAtomically(Path.Combine(dir, id + ".json"), rec.ToJsonString());
                if (zip)
                {
                    var tmp = Path.Combine(dir, "all.zip.tmp");
                    File.Delete(tmp);
                    using (var archive = ZipFile.Open(tmp, ZipArchiveMode.Create))
                        foreach (var (id, rec) in recs)
                        {
                            using var w = new StreamWriter(archive.CreateEntry(id + ".json").Open());
                            w.Write(rec.ToJsonString());
                        }
                    File.Move(tmp, Path.Combine(dir, "all.zip"), overwrite: true);
                }
                WriteAtomically(Path.Combine(dir, "modified_id.csv"), string.Concat(
                    recs.Values.OrderByDescending(r => DateTimeOffset.Parse((string)r["modified"]!, CultureInfo.InvariantCulture))
                        .Select(r => $"{(string)r["modified"]!},{(string)r["id"]!}\n")));
            }
            WriteAtomically(Path.Combine(Root, "ecosystems.txt"), string.Concat(records.Keys.Select(k => k + "\n")));
        }
        return this;
    }

    // The server may read a file while it is replaced: it sees the old or the new one, never half of either.
    private static void WriteAtomically(string path, string text)
    {
        var tmp = path + ".tmp";
        File.WriteAllText(tmp, text);
        File.Move(tmp, path, overwrite: true);
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, true); } catch (IOException) { }
    }
}
