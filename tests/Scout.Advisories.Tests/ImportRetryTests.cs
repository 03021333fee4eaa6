using System.IO.Compression;
using System.Text.Json;
using Scout.Cli;

namespace Scout.Advisories.Tests;

/// <summary>
/// Issue #11, feed cursor, for `scout advisories import` of a folder or an all.zip: a record that cannot be parsed is
/// kept (id, attempts, reason), shown by `scout advisories status`, and read again by every later import even when its
/// fixed form is older than the cursor the good records moved on to, like the HTTP feed's failed records (FeedRetryTests).
/// </summary>
[Collection("cli")]
public sealed class ImportRetryTests : IDisposable
{
    private const string Good = "GHSA-29mw-wpgm-hmr9";     // newest: moves the cursor past the broken one
    private const string Broken = "GHSA-35jh-r3h4-6jhm";
    private readonly string data = Directory.CreateTempSubdirectory("scout-import-retry-").FullName;
    private readonly string source = Directory.CreateTempSubdirectory("scout-import-src-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var d in new[] { data, source }) try { Directory.Delete(d, true); } catch (IOException) { }
    }

    private static async Task<(int Exit, string Out, string Err)> Run(params string[] args)
    {
        var (o, e) = (new StringWriter(), new StringWriter());
        var exit = await CliApp.RunAsync(args, new StringReader(""), o, e);
        return (exit, o.ToString(), e.ToString());
    }

    private async Task<JsonElement> ImportAsync(string path)
    {
        var (exit, output, err) = await Run("advisories", "import", path, "--data", data, "--format", "json");
        Assert.True(exit == 0, err);
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    private async Task<JsonElement> PendingAsync()
    {
        var (exit, output, err) = await Run("advisories", "status", "--data", data, "--format", "json");
        Assert.True(exit == 0, err);
        return JsonDocument.Parse(output).RootElement.GetProperty("feeds").EnumerateArray().Single().GetProperty("pendingRetries").Clone();
    }

    private static (string Good, string Fixed, string Broken) Records()
    {
        var good = FeedFolder.Real("npm", Good);
        good["modified"] = "2026-01-03T00:00:00Z";
        var broken = FeedFolder.Real("npm", Broken);
        broken["modified"] = "2026-01-01T00:00:00Z";
        var text = broken.ToJsonString();
        return (good.ToJsonString(), text, text[..(text.Length / 2)]);
    }

    private async Task ImportsUntilFixedAsync(string path, Action<string> writeBroken)
    {
        var first = await ImportAsync(path);
        Assert.Equal((1, 1), (first.GetProperty("advisoriesChanged").GetInt32(), first.GetProperty("recordsFailed").GetInt32()));
        var pending = Assert.Single((await PendingAsync()).EnumerateArray());
        Assert.Equal((Broken, 1), (pending.GetProperty("id").GetString(), pending.GetProperty("attempts").GetInt32()));
        Assert.Contains("not valid JSON", pending.GetProperty("reason").GetString());

        var (_, again, err) = await Run("advisories", "import", path, "--data", data, "--format", "json");
        Assert.Equal(1, JsonDocument.Parse(again).RootElement.GetProperty("recordsFailed").GetInt32());
        Assert.Contains($"{Broken} still failing after 2 attempts", err);

        writeBroken(Records().Fixed);                 // fixed, but older than the cursor the good record moved to
        var fixedRun = await ImportAsync(path);
        Assert.Equal((1, 0), (fixedRun.GetProperty("advisoriesChanged").GetInt32(), fixedRun.GetProperty("recordsFailed").GetInt32()));
        Assert.Empty((await PendingAsync()).EnumerateArray());
        Assert.NotEmpty(await new Scout.Storage.Sqlite.SqliteScoutStore(data).GetAdvisoriesByIdAsync(Broken));
        Assert.Equal(0, (await ImportAsync(path)).GetProperty("advisoriesChanged").GetInt32());
    }

    [Fact]
    public async Task A_folder_record_that_fails_to_parse_is_kept_reported_and_read_again_by_the_next_import()
    {
        var (good, _, broken) = Records();
        var folder = Directory.CreateDirectory(Path.Combine(source, "osv", "npm")).FullName;
        File.WriteAllText(Path.Combine(folder, Good + ".json"), good);
        File.WriteAllText(Path.Combine(folder, Broken + ".json"), broken);
        await ImportsUntilFixedAsync(Path.Combine(source, "osv"), text => File.WriteAllText(Path.Combine(folder, Broken + ".json"), text));
    }

    [Fact]
    public async Task A_zip_entry_that_fails_to_parse_is_kept_reported_and_read_again_by_the_next_import()
    {
        var (good, _, broken) = Records();
        var zip = Path.Combine(source, "all.zip");
        void Write(string brokenText)
        {
            File.Delete(zip);
            using var archive = ZipFile.Open(zip, ZipArchiveMode.Create);
            foreach (var (id, text) in new[] { (Good, good), (Broken, brokenText) })
            {
                using var w = new StreamWriter(archive.CreateEntry(id + ".json").Open());
                w.Write(text);
            }
        }
        Write(broken);
        await ImportsUntilFixedAsync(zip, Write);
    }
}
