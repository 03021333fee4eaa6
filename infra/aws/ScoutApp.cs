using Amazon.CDK;

namespace Scout.Infra.Aws;

/// <summary>Builds the CDK app: `cdk synth` (cdk.json at the repo root) and the infra tests both come through here.</summary>
public static class ScoutApp
{
    public const string StackName = "ScoutServerless";
    public const string DefaultCodePath = "functions/Scout.Functions.Aws/bin/lambda";

    public static App Build(string? outdir = null, string? codePath = null)
    {
        var app = new App(outdir is null ? null : new AppProps { Outdir = outdir });
        var path = codePath ?? app.Node.TryGetContext("lambdaCode") as string ?? DefaultCodePath;
        if (!Directory.Exists(path))
            throw new DirectoryNotFoundException($"Lambda code folder '{path}' is missing: run scripts/publish-aws.sh first (or pass -c lambdaCode=DIR)");
        _ = new ScoutStack(app, StackName, new ScoutStackSettings
        {
            LambdaCodePath = path,
            Account = System.Environment.GetEnvironmentVariable("CDK_DEFAULT_ACCOUNT"),
        });
        return app;
    }
}
