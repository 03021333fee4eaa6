using System.CommandLine;

namespace Scout.Cli.Commands;

// Placeholder: the purl command group is built by its own issue.
public static class PurlCommands
{
    public static Command Create() => new("purl", "purl commands (not built yet)");
}
