using System.CommandLine;
using Scout.Cli.Platform;
using Scout.Core.Serialization;
using Scout.Core.UseCases;
using Scout.Hosting;

namespace Scout.Cli.Commands;

/// <summary>`scout compare A B --tenant ID --format table|json|markdown`: what changed from image A (before) to B (after).</summary>
public static class CompareCommand
{
    public static Command Create()
    {
        var platformOptions = new PlatformOptions();
        var tenant = TenantOption.Create();
        var before = new Argument<string>("before") { Description = "digest of the image before" }.Matching(OptionRules.Digest(), "an image digest (sha256:<hex>)");
        var after = new Argument<string>("after") { Description = "digest of the image after" }.Matching(OptionRules.Digest(), "an image digest (sha256:<hex>)");
        var format = new Option<string>("--format") { Description = "table | json | markdown", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json", "markdown");
        var command = new Command("compare", "compare two stored images: packages, findings, counts, base image");
        platformOptions.AddTo(command, withQueue: false);
        command.Arguments.Add(before);
        command.Arguments.Add(after);
        command.Options.Add(tenant);
        command.Options.Add(format);
        command.SetAction(async (parse, ct) =>
        {
            var (store, t) = await TenantOption.OpenStoreAsync(parse, platformOptions, tenant, ct);
            var (a, b) = (parse.GetValue(before)!, parse.GetValue(after)!);
            var result = await new CompareImages(store, NativeVersionOrder.Instance, baseImages: null).RunAsync(t, a, b, ct)
                ?? throw new CliUsageException(await store.GetImageAsync(t, a, ct) is null ? $"no image {a} for tenant {t}" : $"no image {b} for tenant {t}");
            var view = result.View;
            switch (parse.GetValue(format))
            {
                case "json":
                    CliConsole.Current.Out.WriteLine(System.Text.Json.JsonSerializer.Serialize(view,
                        ScoutJson.TypeInfo<ImageComparisonView>(new System.Text.Json.JsonSerializerOptions(ScoutJson.WithNulls) { WriteIndented = true })));
                    break;
                case "markdown":
                    CliConsole.Current.Out.Write(ComparisonMarkdown.Render(view, CompareImages.DisplayName(result.Before), CompareImages.DisplayName(result.After)));
                    break;
                default:
                    WriteTable(view);
                    break;
            }
            return CliApp.ExitOk;
        });
        return command;
    }

    private static void WriteTable(ImageComparisonView view)
    {
        var rows = new List<string?[]>();
        foreach (var c in view.Packages.Upgraded) rows.Add(["upgraded", ComparisonMarkdown.Split(c.From).Name, ComparisonMarkdown.Split(c.From).Version, ComparisonMarkdown.Split(c.To).Version]);
        foreach (var c in view.Packages.Downgraded) rows.Add(["downgraded", ComparisonMarkdown.Split(c.From).Name, ComparisonMarkdown.Split(c.From).Version, ComparisonMarkdown.Split(c.To).Version]);
        foreach (var c in view.Packages.Indeterminate) rows.Add(["changed (order unknown)", ComparisonMarkdown.Split(c.From).Name, ComparisonMarkdown.Split(c.From).Version, ComparisonMarkdown.Split(c.To).Version]);
        foreach (var p in view.Packages.Added) rows.Add(["added", ComparisonMarkdown.Split(p).Name, "", ComparisonMarkdown.Split(p).Version]);
        foreach (var p in view.Packages.Removed) rows.Add(["removed", ComparisonMarkdown.Split(p).Name, ComparisonMarkdown.Split(p).Version, ""]);
        foreach (var id in view.Findings.Fixed) rows.Add(["finding fixed", id, "", ""]);
        foreach (var id in view.Findings.New) rows.Add(["finding new", id, "", ""]);
        Output.Table(["change", "package / finding", "before", "after"], rows);
        var severities = Scout.Core.Model.Severities.Ordered;
        Output.Table(["", .. severities], [
            ["before", .. severities.Select(s => view.FindingCounts.Before.GetValueOrDefault(s).ToString())],
            ["after", .. severities.Select(s => view.FindingCounts.After.GetValueOrDefault(s).ToString())],
        ]);
        foreach (var w in view.Warnings) CliConsole.Current.Out.WriteLine("note: " + w);
    }
}
