using System.Net.Http.Headers;
using System.Text.Json;
using Scout.Cli.Platform;
using Scout.Core.Api;
using Scout.Core.Model;
using Scout.Core.Serialization;
using Scout.Hosting;

namespace Scout.Cli.Commands;

/// <summary>The demo's base-image part: a catalog tenant with two digests of debian:12, then the sample image's base and advice.</summary>
internal static class DemoBaseImages
{
    private static readonly string[] Samples = ["demo-base-debian-12.json", "demo-base-debian-12-refresh.json"];

    public static async Task UploadCatalogAsync(ScoutPlatform platform, Uri api, string samples, TimeSpan timeout, CancellationToken ct)
    {
        var (catalog, key) = await platform.Keys.CreateTenantAsync("official-images", ct);
        await platform.Store.MarkCatalogTenantAsync(catalog.TenantId, ct);
        using var http = new HttpClient { BaseAddress = api };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        foreach (var sample in Samples)
        {
            var envelope = await File.ReadAllBytesAsync(Path.Combine(samples, sample), ct);
            using var accepted = await http.PostAsync("/v1/images", new ByteArrayContent(envelope) { Headers = { ContentType = new("application/json") } }, ct);
            var body = await accepted.Content.ReadAsStringAsync(ct);
            if ((int)accepted.StatusCode != 202) throw new InvalidOperationException($"catalog upload refused: {(int)accepted.StatusCode} {body}");
            var status = JsonDocument.Parse(body).RootElement.GetProperty("status").GetString()!;
            var deadline = DateTimeOffset.UtcNow + timeout;
            while (true)
            {
                var upload = JsonDocument.Parse(await http.GetStringAsync(status, ct)).RootElement;
                var state = upload.GetProperty("status").GetString();
                if (state == UploadStatuses.Done) break;
                if (state == UploadStatuses.Failed) throw new InvalidOperationException($"catalog analysis failed: {upload.GetProperty("reason")}");
                if (DateTimeOffset.UtcNow > deadline) throw new TimeoutException($"catalog analysis not finished after {timeout.TotalSeconds} s");
                await Task.Delay(100, ct);
            }
        }
        CliConsole.Current.Out.WriteLine($"catalog: {Samples.Length} digests of docker.io/library/debian:12 in catalog tenant official-images");
    }

    /// <summary>Prints the image's base (from GET /v1/images/{digest}) and its recommendations.</summary>
    public static async Task PrintAsync(HttpClient http, string digest, CancellationToken ct)
    {
        var output = CliConsole.Current.Out;
        var image = JsonDocument.Parse(await http.GetStringAsync($"/v1/images/{digest}", ct)).RootElement;
        var baseImage = image.GetProperty("baseImage").Deserialize<BaseImageView?>(ScoutJson.Options);
        output.WriteLine();
        if (image.GetProperty("findingCounts").GetProperty("byOrigin") is { ValueKind: JsonValueKind.Object } byOrigin)
            output.WriteLine($"findings by origin: base {Sum(byOrigin.GetProperty("base"))}, image {Sum(byOrigin.GetProperty("image"))}");
        var recommendations = ScoutJson.Deserialize<RecommendationsView>(await http.GetStringAsync($"/v1/images/{digest}/recommendations", ct));
        output.WriteLine("recommendations:");
        ImageRecommendationsCommand.Write(recommendations with { BaseImage = recommendations.BaseImage with { Current = baseImage } });
    }

    private static int Sum(JsonElement counts) =>
        counts.EnumerateObject().Where(p => p.Name != FindingCounts.Suppressed).Sum(p => p.Value.GetInt32());
}
