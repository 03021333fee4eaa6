using System.CommandLine;
using Scout.Cli.Platform;
using Scout.Core.Ports;
using Scout.Sbom.Export;

namespace Scout.Cli.Commands;

/// <summary>`scout images sbom DIGEST --tenant ID --format cyclonedx|spdx`: the stored image as CycloneDX 1.6 or SPDX 2.3 JSON.</summary>
public static class ImagesSbomCommand
{
    public static Command Create()
    {
        var platformOptions = new PlatformOptions();
        var tenant = TenantOption.Create();
        var digest = new Argument<string>("digest").Matching(OptionRules.Digest(), "an image digest (sha256:<hex>)");
        var format = new Option<string>("--format") { Description = "cyclonedx | spdx", DefaultValueFactory = _ => SbomExportFormats.CycloneDx };
        format.AcceptOnlyFromAmong([.. SbomExportFormats.All]);
        var command = new Command("sbom", "export a stored image's packages as CycloneDX 1.6 or SPDX 2.3 JSON");
        platformOptions.AddTo(command, withQueue: false);
        command.Arguments.Add(digest);
        command.Options.Add(tenant);
        command.Options.Add(format);
        command.SetAction(async (parse, ct) =>
        {
            var (store, t) = await TenantOption.OpenStoreAsync(parse, platformOptions, tenant, ct);
            var d = parse.GetValue(digest)!;
            var image = await store.GetImageAsync(t, d, ct) ?? throw new CliUsageException($"no image {d} for tenant {t}");
            var packages = await store.GetPackagesAsync(t, d, ct);
            var document = new SbomExporter().Export(new SbomExportInput(image.Image, image.SbomOs, packages, image.SbomSha256, image.AnalyzedAt), parse.GetValue(format)!);
            CliConsole.Current.Out.WriteLine(System.Text.Encoding.UTF8.GetString(document));
            return CliApp.ExitOk;
        });
        return command;
    }
}
