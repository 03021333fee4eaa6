using System.CommandLine;
using System.Net.Http.Headers;
using System.Text.Json;
using Scout.Cli.Platform;
using Scout.Core.Model;
using Scout.Core.Serialization;
using Scout.Core.UseCases;
using Scout.Hosting;
using Scout.Storage.Sqlite;

namespace Scout.Cli.Commands;

/// <summary>
/// `scout demo`: the main job end to end on the embedded default, then exit. Starts the platform in-process,
/// imports the bundled advisories, uploads the bundled sample image over HTTP, lets the queue analyze it and
/// prints the image summary and its findings.
/// </summary>
public static class DemoCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "keep the demo's data in this folder (default: a temporary folder, removed after)" };
        var timeout = new Option<int>("--timeout") { Description = "seconds to wait for the analysis", DefaultValueFactory = _ => 120 };
        var keep = new Option<bool>("--keep") { Description = "leave the demo platform running (dashboard URL and API key printed) until interrupted" };
        var command = new Command("demo", "run the whole pipeline once on the embedded default with bundled sample data");
        command.Options.Add(data);
        command.Options.Add(timeout);
        command.Options.Add(keep);
        command.SetAction(async (parse, ct) =>
        {
            var given = parse.GetValue(data);
            var directory = given is null ? Directory.CreateTempSubdirectory("scout-demo-").FullName : Path.GetFullPath(given);
            try
            {
                await RunAsync(directory, TimeSpan.FromSeconds(parse.GetValue(timeout)), parse.GetValue(keep), ct);
                return CliApp.ExitOk;
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                if (given is null) Directory.Delete(directory, recursive: true);
            }
        });
        return command;
    }

    private static async Task RunAsync(string directory, TimeSpan timeout, bool keep, CancellationToken ct)
    {
        var console = CliConsole.Current;
        var samples = Path.Combine(AppContext.BaseDirectory, "samples");
        var backend = await Backends.OpenAsync(new PlatformSelection(directory, "sqlite", "inprocess"), _ => { }, ct);
        var platform = await ScoutPlatform.CreateAsync(backend.Store, backend.Queue, new ScoutOptions(), ct);
        var imported = await platform.ImportAdvisoriesAsync(Path.Combine(samples, "advisories"), ct);
        console.Out.WriteLine($"advisories: {imported.AdvisoriesChanged} imported from the bundled sample feed");
        var (tenant, key) = await platform.Keys.CreateTenantAsync("demo", ct);

        await using var app = LocalWebHost.Build(platform, 0, line => console.Error.WriteLine(line));
        await app.StartAsync(ct);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var worker = backend.Consumer(platform).RunAsync(platform, stop.Token);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            var envelope = await File.ReadAllBytesAsync(Path.Combine(samples, "demo-image.json"), ct);
            using var accepted = await http.PostAsync("/v1/images", new ByteArrayContent(envelope) { Headers = { ContentType = new("application/json") } }, ct);
            var acceptedBody = await accepted.Content.ReadAsStringAsync(ct);
            if ((int)accepted.StatusCode != 202) throw new InvalidOperationException($"upload refused: {(int)accepted.StatusCode} {acceptedBody}");
            var statusPath = JsonDocument.Parse(acceptedBody).RootElement.GetProperty("status").GetString()!;
            console.Out.WriteLine($"upload: 202 accepted, status at {statusPath}");

            var upload = await WaitForAnalysisAsync(http, statusPath, timeout, ct);
            if (upload.GetProperty("status").GetString() != UploadStatuses.Done)
                throw new InvalidOperationException($"analysis failed: {upload.GetProperty("reason")}");
            var digest = upload.GetProperty("imageDigest").GetString()!;
            var image = await backend.Store.GetImageAsync(tenant.TenantId, digest, ct) ?? throw new InvalidOperationException("image not stored");
            var findingsJson = await http.GetStringAsync($"/v1/images/{digest}/findings", ct);
            var findings = JsonDocument.Parse(findingsJson).RootElement.GetProperty("findings").Deserialize<List<Finding>>(ScoutJson.Options)!;
            console.Out.WriteLine();
            FindingsTable.Write(image, findings);
            if (keep) await KeepRunningAsync(app, key, ct);
        }
        finally
        {
            stop.Cancel();
            await worker;
            await app.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>--keep: the platform stays up for the dashboard until Ctrl+C (or the process is stopped).</summary>
    private static async Task KeepRunningAsync(Microsoft.AspNetCore.Builder.WebApplication app, string key, CancellationToken ct)
    {
        var console = CliConsole.Current;
        console.Out.WriteLine();
        console.Out.WriteLine($"dashboard: {app.Urls.First().TrimEnd('/')}/");
        // The key is printed once, here, for the person who asked for the demo; it is a throwaway demo tenant's key.
        console.Out.WriteLine($"api key: {key}");
        console.Out.WriteLine("the demo keeps running; press Ctrl+C to stop it");
        console.Out.Flush();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct, app.Lifetime.ApplicationStopping);
        try { await Task.Delay(Timeout.Infinite, stop.Token); } catch (OperationCanceledException) { }
    }

    private static async Task<JsonElement> WaitForAnalysisAsync(HttpClient http, string statusPath, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            var status = JsonDocument.Parse(await http.GetStringAsync(statusPath, ct)).RootElement;
            if (status.GetProperty("status").GetString() is UploadStatuses.Done or UploadStatuses.Failed) return status;
            if (DateTimeOffset.UtcNow > deadline) throw new TimeoutException($"analysis not finished after {timeout.TotalSeconds} s");
            await Task.Delay(100, ct);
        }
    }
}
