using Scout.Core.Ports;
using Scout.Core.Settings;
using Scout.Core.UseCases;

namespace Scout.Core.Tests.UseCases;

/// <summary>The SCOUT_MAX_* limits are read with the other settings: defaults when unset, each variable sets its own limit, bad values name the variable.</summary>
public sealed class UploadLimitSettingsTests
{
    private static ScoutSettings From(params (string Name, string Value)[] vars) =>
        ScoutSettings.FromEnvironment(name => vars.FirstOrDefault(v => v.Name == name).Value);

    [Fact]
    public void Unset_variables_keep_the_documented_defaults()
    {
        var limits = From().Limits;
        Assert.Equal(new UploadLimits(), limits);
        // README "HTTP API": 6 MiB compressed body, 32 MiB decompressed, JSON depth 64; issue #13: 10,000 purls of 2 KiB, 16 VEX documents of 1 MiB.
        Assert.Equal((6L << 20, 32L << 20, 64), (limits.MaxCompressedBytes, limits.MaxDecompressedBytes, limits.MaxJsonDepth));
        Assert.Equal((10_000, 2048, 16, 1 << 20), (limits.MaxLocalPurls, limits.MaxPurlBytes, limits.MaxVexDocuments, limits.MaxVexBytes));
    }

    [Fact]
    public void Each_variable_sets_its_own_limit_and_only_that_one()
    {
        var defaults = new UploadLimits();
        var seen = new HashSet<UploadLimits>();
        for (var i = 0; i < UploadLimitVariables.Names.Count; i++)
        {
            var name = UploadLimitVariables.Names[i];
            var limits = From((name, $" {1000 + i} ")).Limits;
            Assert.NotEqual(defaults, limits);
            Assert.True(seen.Add(limits), $"{name} changed the same limit as another variable");
            // Exactly one property differs from the defaults, and it holds the value given.
            var changed = typeof(UploadLimits).GetProperties().Where(p => !Equals(p.GetValue(limits), p.GetValue(defaults))).ToList();
            Assert.Single(changed);
            Assert.Equal(1000L + i, Convert.ToInt64(changed[0].GetValue(limits)));
        }
        Assert.Equal(typeof(UploadLimits).GetProperties().Length, UploadLimitVariables.Names.Count);
    }

    [Theory]
    [InlineData("SCOUT_MAX_COMPRESSED_BYTES", "abc")]
    [InlineData("SCOUT_MAX_DECOMPRESSED_BYTES", "0")]
    [InlineData("SCOUT_MAX_JSON_DEPTH", "-5")]
    [InlineData("SCOUT_MAX_LOCAL_PURLS", "1.5")]
    [InlineData("SCOUT_MAX_VEX_DOCUMENTS", "99999999999")]
    [InlineData("SCOUT_MAX_PURL_BYTES", "2KiB")]
    [InlineData("SCOUT_MAX_LAYERS", "1e3")]
    [InlineData("SCOUT_MAX_VEX_BYTES", "+10")]
    public void A_bad_value_is_refused_with_one_line_naming_the_variable(string name, string value)
    {
        var e = Assert.Throws<InputException>(() => From((name, value)));
        Assert.StartsWith($"{name}={value}:", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }
}
