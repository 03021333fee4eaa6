using System.CommandLine;
using Scout.Cli.Platform;
using Scout.Core.Model;
using Scout.Sbom;

namespace Scout.Cli.Commands;

/// <summary>`scout sbom normalize FILE --format json`: the NormalizedSbom of DESIGN.md section 5; warnings also on stderr.</summary>
public static class SbomCommands
{
    public static Command Create()
    {
        var sbom = new Command("sbom", "SBOM commands");
        sbom.Subcommands.Add(Normalize());
        return sbom;
    }

    private static Command Normalize()
    {
        var file = new Argument<string>("FILE") { Description = "CycloneDX (JSON/XML), SPDX (JSON/tag-value/3.0 JSON-LD), syft JSON, in-toto statement or DSSE envelope; '-' reads stdin" }.ExistingPath(fileOnly: true);
        var format = new Option<string>("--format") { Description = "output format", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json");
        var command = new Command("normalize", "normalize an SBOM into canonical package records (purl-keyed)") { file, format };
        command.SetAction(parse =>
        {
            var console = CliConsole.Current;
            var path = parse.GetValue(file)!;
            // Normalizing allocates about twice the document's size and keeps most of it (bench/sbom-normalize.sh): no
            // collections for up to three times its size, through writing the result.
            using var noCollections = CollectionFreeRun.Start(3 * ReadableSize(path), ReferenceEquals(console.Out, Console.Out));
            var result = Normalize(path);
            foreach (var warning in result.Warnings)
                console.Error.WriteLine($"warning: {warning.Path}: {warning.Message}".ReplaceLineEndings(" "));
            CliJsonOutput.Write(console, stdout => NormalizedSbomWriter.Write(stdout, result));
            return CliApp.ExitOk;
        });
        return command;
    }

    /// <summary>The size of a file the normalizer will read (0 for stdin, a missing file or one over the size limit).</summary>
    private static long ReadableSize(string path)
    {
        if (path == "-") return 0;
        var info = new FileInfo(path);
        return info.Exists && info.Length <= SbomLimits.Default.MaxDocumentBytes ? info.Length : 0;
    }

    private static NormalizedSbom Normalize(string path)
    {
        var limit = SbomLimits.Default.MaxDocumentBytes;
        if (path == "-")
        {
            // Streamed like a file: the size limit holds before more than one byte past it is buffered.
            using var stdin = Console.OpenStandardInput();
            return new SbomNormalizer().Normalize(stdin);
        }
        var info = new FileInfo(path);
        if (!info.Exists) throw new CliUsageException($"sbom normalize: no such file: {path}");
        // Refuse before reading a file far beyond the limit; the normalizer repeats the check with its own limits.
        if (info.Length > limit) throw new CliUsageException($"sbom normalize: {path} is {info.Length} bytes (limit: max document size {limit} bytes)");
        try
        {
            // Streamed in: the normalizer frees the bytes once read, before it assembles the packages (peak memory).
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
            return new SbomNormalizer().Normalize(stream);
        }
        catch (IOException e)
        {
            throw new CliUsageException($"sbom normalize: cannot read {path}: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new CliUsageException($"sbom normalize: cannot read {path}: {e.Message}");
        }
    }
}
