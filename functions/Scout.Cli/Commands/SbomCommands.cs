using System.CommandLine;

namespace Scout.Cli.Commands;

// Placeholder: the sbom command group is built by its own issue.
public static class SbomCommands
{
    public static Command Create() => new("sbom", "sbom commands (not built yet)");
}
