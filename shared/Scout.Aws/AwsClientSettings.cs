using Amazon.Runtime;
using Scout.Core.Residency;

namespace Scout.Aws;

/// <summary>
/// What every AWS client of ours shares: region from the standard variables, refused outside US-East before any call,
/// and an endpoint override (a local server) with placeholder credentials when the environment has none.
/// </summary>
public static class AwsClientSettings
{
    /// <summary>Pins <paramref name="config"/> to an allowed region; returns the credentials to build the client with (null: the SDK's chain).</summary>
    public static AWSCredentials? Configure(ClientConfig config, string? region, string? serviceUrl, string service, AWSCredentials? credentials)
    {
        var allowed = AwsResidency.Require(region, service);
        if (serviceUrl is null)
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(allowed);
            return credentials;
        }
        config.ServiceURL = serviceUrl;
        config.AuthenticationRegion = allowed;
        // Local servers do not check credentials; placeholders keep the SDK from searching for real ones.
        return credentials ?? (Scout.Core.Settings.ScoutSettings.Current.AwsAccessKeyConfigured ? null : new BasicAWSCredentials("local", "local"));
    }

    /// <summary>The region a client signs for: its region endpoint, or the authentication region of an endpoint override.</summary>
    public static string? RegionOf(IClientConfig config) => config.RegionEndpoint?.SystemName ?? config.AuthenticationRegion;
}
