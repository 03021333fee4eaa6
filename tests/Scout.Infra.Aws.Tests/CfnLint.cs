using System.Diagnostics;

namespace Scout.Infra.Aws.Tests;

/// <summary>Runs the preinstalled cfn-lint (scripts/tools/aws.sh checks it exists) on a template.</summary>
public static class CfnLint
{
    public static (int ExitCode, string Output) Run(string templatePath)
    {
        var start = new ProcessStartInfo("cfn-lint") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(templatePath);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("cfn-lint is not installed (pip install cfn-lint); scripts/tools/aws.sh check reports it", e);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(180_000))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("cfn-lint did not finish within 3 minutes");
            }
            return (process.ExitCode, stdout.Result + stderr.Result);
        }
    }
}
