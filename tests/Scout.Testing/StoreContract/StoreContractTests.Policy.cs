using Scout.Core.Model;
using static Scout.Testing.StoreContract.StoreSamples;

namespace Scout.Testing.StoreContract;

public abstract partial class StoreContractTests
{
    [Fact]
    public async Task Policy_config_round_trips_per_tenant()
    {
        var tenant = NewTenantId();
        var other = NewTenantId();
        Assert.Null(await Store.GetPolicyConfigAsync(tenant));
        var config = new PolicyConfig
        {
            FixableVulnerabilities = new(true, Severities.Critical),
            CopyleftLicenses = new(true, ["GPL-3.0-only", "AGPL-3.0-only"]),
            NoSecrets = new(false),
            HighProfileVulnerabilities = new(true, ["CVE-2021-44228"]),
            UpdatedAt = At(3),
        };
        await Store.SetPolicyConfigAsync(tenant, config);
        var back = await Store.GetPolicyConfigAsync(tenant);
        Assert.NotNull(back);
        Assert.Equal(Severities.Critical, back.FixableVulnerabilities.MinSeverity);
        Assert.Equal(["GPL-3.0-only", "AGPL-3.0-only"], back.CopyleftLicenses.Licenses);
        Assert.False(back.NoSecrets.Enabled);
        Assert.Equal(["CVE-2021-44228"], back.HighProfileVulnerabilities.Ids);
        Assert.Equal(At(3), back.UpdatedAt);
        Assert.Null(await Store.GetPolicyConfigAsync(other));

        await Store.SetPolicyConfigAsync(tenant, config with { NoSecrets = new(true) });
        Assert.True((await Store.GetPolicyConfigAsync(tenant))!.NoSecrets.Enabled);
    }

    [Fact]
    public async Task Policy_results_are_stored_per_image_and_replaced()
    {
        var tenant = NewTenantId();
        var digest = NewDigest();
        Assert.Null(await Store.GetPolicyResultsAsync(tenant, digest));
        var first = new ImagePolicyResults(digest, [
            new PolicyResult(PolicyNames.NoSecrets, PolicyStatuses.Fail, ["aws-access-key in env AWS_KEY"]),
            new PolicyResult(PolicyNames.BaseImageUpToDate, PolicyStatuses.Unknown, ["no base image recommendation data"]),
        ], At(1));
        await Store.SavePolicyResultsAsync(tenant, first);
        var back = await Store.GetPolicyResultsAsync(tenant, digest);
        Assert.NotNull(back);
        Assert.Equal(digest, back.Digest);
        Assert.Equal(At(1), back.EvaluatedAt);
        Assert.Equal(first.Results.Select(r => (r.Policy, r.Status, string.Join("|", r.Reasons))), back.Results.Select(r => (r.Policy, r.Status, string.Join("|", r.Reasons))));
        Assert.Null(await Store.GetPolicyResultsAsync(NewTenantId(), digest));

        await Store.SavePolicyResultsAsync(tenant, new ImagePolicyResults(digest, [new PolicyResult(PolicyNames.NoSecrets, PolicyStatuses.Pass, [])], At(2)));
        var replaced = await Store.GetPolicyResultsAsync(tenant, digest);
        Assert.Equal(PolicyStatuses.Pass, Assert.Single(replaced!.Results).Status);
    }
}
