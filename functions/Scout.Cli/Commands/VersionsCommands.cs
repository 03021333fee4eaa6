using System.CommandLine;

namespace Scout.Cli.Commands;

// Placeholder: the versions command group is built by its own issue.
public static class VersionsCommands
{
    public static Command Create() => new("versions", "versions commands (not built yet)");
}
