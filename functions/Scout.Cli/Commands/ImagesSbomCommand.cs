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
        var format = new Option<string>("--format") { Description = "cyclonedx | spdx", DefaultValueFactory = _ => SbomExportFormats.CycloneDx };
        format.AcceptOnlyFromAmong([.. SbomExportFormats.All]);
        return ImageCommand.Create("sbom", "export a stored image's packages as CycloneDX 1.6 or SPDX 2.3 JSON", [format], async (found, ct) =>
        {
            var image = found.Image;
            var packages = await found.Store.GetPackagesAsync(found.TenantId, image.Image.Digest, ct);
            var document = new SbomExporter().Export(new SbomExportInput(image.Image, image.SbomOs, packages, image.SbomSha256, image.AnalyzedAt), found.Parse.GetValue(format)!);
            CliConsole.Current.Out.WriteLine(System.Text.Encoding.UTF8.GetString(document));
            return CliApp.ExitOk;
        });
    }
}
