using System.CommandLine;
using Scout.Versions;

namespace Scout.Cli.Commands;

/// <summary>`scout versions compare --ecosystem E`: version ordering by the ecosystem's own rules, line by line.</summary>
public static class VersionsCommands
{
    public static Command Create()
    {
        var versions = new Command("versions", "Compare versions by an ecosystem's native rules");
        versions.Subcommands.Add(CreateCompare());
        return versions;
    }

    private static Command CreateCompare()
    {
        var ecosystem = new Option<string>("--ecosystem", "-e")
        {
            Description = "OSV ecosystem (Debian, Ubuntu:22.04:LTS, Alpine, Red Hat, PyPI, npm, Maven, NuGet, RubyGems, Go, crates.io, Packagist, Hex, Pub ...) or purl type (deb, rpm, apk, pypi ...)",
            Required = true,
        };
        var compare = new Command("compare", "Read 'a<TAB>b' lines on stdin; write 'a<TAB>b<TAB>R' with R in -1, 0, 1, invalid")
        {
            ecosystem,
        };
        compare.SetAction(parse =>
        {
            var name = parse.GetValue(ecosystem) ?? "";
            var scheme = VersionSchemes.ForEcosystem(name)
                ?? throw new CliUsageException($"--ecosystem '{name}': no native version scheme for it (an OSV ecosystem such as Debian, PyPI, npm, or a purl type such as deb, pypi)");
            var console = CliConsole.Current;
            VersionCompareLines.Run(scheme, console.In, console.Out);
            return CliApp.ExitOk;
        });
        return compare;
    }
}
