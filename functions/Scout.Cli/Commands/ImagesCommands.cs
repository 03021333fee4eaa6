using System.CommandLine;
using Scout.Cli.Platform;
using Scout.Core.Api;
using Scout.Core.Model;
using Scout.Hosting;

namespace Scout.Cli.Commands;

/// <summary>`scout images list|show|rescan`: the stored images, read straight from the store.</summary>
public static class ImagesCommands
{
    public static Command Create()
    {
        var command = new Command("images", "stored images");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Show());
        command.Subcommands.Add(Rescan());
        command.Subcommands.Add(ImageRecommendationsCommand.Create());
        command.Subcommands.Add(ImagesSbomCommand.Create());
        command.Subcommands.Add(ImagesPolicyCommand.Create());
        return command;
    }

    private static Command List()
    {
        var platformOptions = new PlatformOptions();
        var tenant = TenantOption.Create();
        var format = Output.FormatOption();
        var command = new Command("list", "list a tenant's images");
        platformOptions.AddTo(command, withQueue: false);
        command.Options.Add(tenant);
        command.Options.Add(format);
        command.SetAction(async (parse, ct) =>
        {
            var (store, tenantId) = await TenantOption.OpenStoreAsync(parse, platformOptions, tenant, ct);
            var images = new List<StoredImage>();
            string? token = null;
            do
            {
                var page = await store.ListImagesAsync(tenantId, 500, token, ct);
                images.AddRange(page.Items);
                token = page.NextPageToken;
            } while (token != null);
            if (parse.GetValue(format) == "json") Output.Json(new { images = images.Select(ImageViews.Summary) });
            else Output.Table(["digest", "registry", "packages", "critical", "high", "medium", "low", "analyzed"],
                images.Select(i => new[]
                {
                    i.Image.Digest, i.Image.Registry?.Url, i.PackageCount.ToString(),
                    Count(i, Severities.Critical), Count(i, Severities.High), Count(i, Severities.Medium), Count(i, Severities.Low),
                    i.AnalyzedAt.ToString("u"),
                }));
            return CliApp.ExitOk;
        });
        return command;
    }

    private static string Count(StoredImage image, string severity) => image.FindingCounts.GetValueOrDefault(severity).ToString();

    private static Command Show()
    {
        var format = Output.FormatOption();
        return ImageCommand.Create("show", "an image with its findings", [format], async (found, ct) =>
        {
            var (image, d) = (found.Image, found.Image.Image.Digest);
            var findings = await found.Store.GetFindingsAsync(found.TenantId, d, ct);
            var environments = await found.Store.GetEnvironmentsAsync(found.TenantId, d, ct);
            if (found.Parse.GetValue(format) == "json") Output.Json(new { image = ImageViews.Detail(image, environments), findings });
            else FindingsTable.Write(image, findings);
            return CliApp.ExitOk;
        });
    }

    private static Command Rescan()
    {
        var platformOptions = new PlatformOptions();
        var all = new Option<bool>("--all") { Description = "re-match every stored image from scratch" };
        var format = Output.FormatOption();
        var command = new Command("rescan", "re-match stored images against the current advisories");
        platformOptions.AddTo(command, withQueue: false);
        command.Options.Add(all);
        command.Options.Add(format);
        command.SetAction(async (parse, ct) =>
        {
            if (!parse.GetValue(all)) throw new CliUsageException("rescan: --all is required (incremental re-overlay runs with `advisories refresh`)");
            var store = await Backends.OpenStoreAsync(platformOptions.Read(parse), ct);
            var platform = await ScoutPlatform.CreateAsync(store, NoQueue.Instance, new ScoutOptions(), ct);
            var report = await ProgressDisplay.RunAsync("re-matching every stored image", () => platform.RescanAllAsync(ct));
            ReportOutput.Write(report, parse.GetValue(format)!);
            return CliApp.ExitOk;
        });
        return command;
    }
}
