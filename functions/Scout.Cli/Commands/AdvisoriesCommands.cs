using System.CommandLine;

namespace Scout.Cli.Commands;

// Placeholder: the advisories command group is built by its own issue.
public static class AdvisoriesCommands
{
    public static Command Create() => new("advisories", "advisories commands (not built yet)");
}
