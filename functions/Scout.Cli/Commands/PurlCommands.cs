using System.CommandLine;
using Scout.Cli.Platform;
using System.Text;
using Scout.Purl;
using Scout.Purl.Ecosystems;

namespace Scout.Cli.Commands;

/// <summary>
/// `scout purl canonicalize` (one purl per stdin line in, one line out: canonical purl or `error<TAB>reason`) and
/// `scout purl map` (the advisory index key the purl is looked up under, or why there is none).
/// </summary>
public static class PurlCommands
{
    /// <summary>Longer lines are answered with an error without being held in memory.</summary>
    public const int MaxLineLength = 64 * 1024;

    public static Command Create()
    {
        var canonicalize = new Command("canonicalize",
            "Read one purl per line on stdin; print its canonical form, or 'error<TAB>reason', one line per input line");
        canonicalize.SetAction(async (_, cancellationToken) =>
        {
            var console = CliConsole.Current;
            await CanonicalizeLinesAsync(console.In, console.Out, cancellationToken);
            return CliApp.ExitOk;
        });

        var distroId = new Option<string?>("--distro-id") { Description = "the image's OS id (os-release ID, e.g. debian) for purls without a distro qualifier" }
            .Matching(OptionRules.OsReleaseField(), "an os-release ID: lower-case letters, digits, '.', '_' or '-'");
        var distroVersion = new Option<string?>("--distro-version") { Description = "the image's OS release (os-release VERSION_ID, e.g. 12)" }
            .Matching(OptionRules.OsReleaseField(), "an os-release VERSION_ID: lower-case letters, digits, '.', '_' or '-'");
        var map = new Command("map",
            "Read one purl per line on stdin; print 'ecosystem<TAB>name<TAB>source ecosystem<TAB>source name' of its advisory key, "
            + "'unmapped<TAB>reason' or 'error<TAB>reason', one line per input line");
        map.Options.Add(distroId);
        map.Options.Add(distroVersion);
        map.SetAction(async (parse, cancellationToken) =>
        {
            var console = CliConsole.Current;
            var id = parse.GetValue(distroId);
            var version = parse.GetValue(distroVersion);
            await AnswerLinesAsync(console.In, console.Out, purl => MapAnswer(purl, id, version), cancellationToken);
            return CliApp.ExitOk;
        });

        var purl = new Command("purl", "Package URL tools");
        purl.Subcommands.Add(canonicalize);
        purl.Subcommands.Add(map);
        return purl;
    }

    public static Task CanonicalizeLinesAsync(TextReader input, TextWriter output, CancellationToken cancellationToken = default) =>
        AnswerLinesAsync(input, output, purl => purl.ToString(), cancellationToken);

    private static string MapAnswer(PackageUrl purl, string? distroId, string? distroVersion)
    {
        var mapping = AdvisoryEcosystems.Map(purl, distroId, distroVersion);
        if (mapping.Key is not { } key) return "unmapped\t" + OneLine(mapping.UnmappedReason ?? "");
        var source = mapping.SourceKey;
        return $"{key.Ecosystem}\t{key.Name}\t{source?.Ecosystem}\t{source?.Name}";
    }

    private static async Task AnswerLinesAsync(TextReader input, TextWriter output, Func<PackageUrl, string> answer,
        CancellationToken cancellationToken)
    {
        var reader = new LineReader(input, MaxLineLength);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            await output.WriteAsync(Answer(line, answer));
            await output.WriteAsync('\n');
        }
        await output.FlushAsync(cancellationToken);
    }

    private static string Answer(Line line, Func<PackageUrl, string> answer)
    {
        if (line.TooLong) return $"error\tline longer than {MaxLineLength} characters";
        var text = line.Text!;
        if (text.Length == 0) return "error\tempty line";
        // Stdin is decoded as UTF-8; bytes that are not UTF-8 arrive as U+FFFD, which no purl contains legitimately.
        if (text.Contains('\uFFFD')) return "error\tline is not valid UTF-8";
        return PackageUrl.TryParse(text, PurlParseMode.Lenient, out var purl, out var error)
            ? answer(purl)
            : "error\t" + OneLine(error!.Message);
    }

    // The reason quotes parts of the input: keep it on one line and free of tabs.
    private static string OneLine(string reason)
    {
        var sb = new StringBuilder(reason.Length);
        foreach (var c in reason) sb.Append(char.IsControl(c) ? ' ' : c);
        return sb.ToString();
    }

    private readonly record struct Line(string? Text, bool TooLong);

    /// <summary>
    /// Splits on '\n' only (a trailing '\r' is dropped), so every input line gets exactly one answer; a last line
    /// without '\n' still counts. Lines over the limit are skipped to their end without being buffered.
    /// </summary>
    private sealed class LineReader(TextReader reader, int maxLength)
    {
        private readonly char[] buffer = new char[16 * 1024];
        private int position;
        private int length;
        private bool ended;

        public async Task<Line?> ReadLineAsync(CancellationToken cancellationToken)
        {
            var line = new StringBuilder();
            var tooLong = false;
            var sawAny = false;
            while (true)
            {
                if (position == length)
                {
                    if (ended) break;
                    length = await reader.ReadAsync(buffer.AsMemory(), cancellationToken);
                    position = 0;
                    if (length == 0) { ended = true; break; }
                }
                sawAny = true;
                var span = buffer.AsSpan(position, length - position);
                var newline = span.IndexOf('\n');
                var chunk = newline < 0 ? span : span[..newline];
                if (!tooLong)
                {
                    if (line.Length + chunk.Length > maxLength + 1) // +1: room for a '\r' before '\n'
                    {
                        tooLong = true;
                        line.Clear();
                    }
                    else
                    {
                        line.Append(chunk);
                    }
                }
                position += chunk.Length;
                if (newline >= 0)
                {
                    position++;
                    return Finish(line, tooLong);
                }
            }
            return sawAny ? Finish(line, tooLong) : null;
        }

        private Line Finish(StringBuilder line, bool tooLong)
        {
            if (tooLong) return new Line(null, true);
            if (line.Length > 0 && line[^1] == '\r') line.Length--;
            return line.Length > maxLength ? new Line(null, true) : new Line(line.ToString(), false);
        }
    }
}
