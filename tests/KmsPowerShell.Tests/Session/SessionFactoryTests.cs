using KmsPowerShell.Engine.Session;

namespace KmsPowerShell.Tests.Session;

public class SessionFactoryTests
{
    private static readonly Dictionary<string, string> Keys = new()
    {
        ["AWS_ACCESS_KEY_ID"] = "AKIAIOSFODNN7EXAMPLE",
        ["AWS_SECRET_ACCESS_KEY"] = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        ["AWS_EC2_METADATA_DISABLED"] = "true",
    };

    private static KmsSessionOptions Options(Dictionary<string, string> environment, string? region = null, string? endpoint = null) => new()
    {
        Region = region,
        EndpointUrl = endpoint,
        Environment = name => environment.TryGetValue(name, out var value) ? value : null,
    };

    private static Dictionary<string, string> Env(params (string Name, string Value)[] extra)
    {
        var env = new Dictionary<string, string>(Keys);
        foreach (var (name, value) in extra) env[name] = value;
        return env;
    }

    private static KmsSession Create(KmsSessionOptions options) => KmsSessionFactory.Create(options, _ => { }, _ => { });

    [Fact]
    public void Create_CreatedAt_IsReadFromTheGivenClock()
    {
        var then = new DateTimeOffset(2001, 2, 3, 4, 5, 6, TimeSpan.Zero);
        using var aws = KmsSessionFactory.Create(new KmsSessionOptions { Region = "eu-west-1", Time = new FixedClock(then),
            Environment = name => Keys.TryGetValue(name, out var value) ? value : null }, _ => { }, _ => { });
        using var local = KmsSessionFactory.Create(new KmsSessionOptions { Local = true, Time = new FixedClock(then) }, _ => { }, _ => { });

        Assert.Equal(then, aws.CreatedAt);
        Assert.Equal(then, local.CreatedAt);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }

    [Fact]
    public void Create_RegionParameter_WinsOverEnvironment()
    {
        using var session = Create(Options(Env(("AWS_REGION", "eu-west-1")), region: "ap-south-1"));
        Assert.Equal("ap-south-1", session.Region);
        Assert.Equal("-Region", session.RegionSource);
    }

    [Fact]
    public void Create_AwsRegion_WinsOverAwsDefaultRegion()
    {
        using var session = Create(Options(Env(("AWS_REGION", "eu-west-1"), ("AWS_DEFAULT_REGION", "us-west-2"))));
        Assert.Equal("eu-west-1", session.Region);
        Assert.Equal("AWS_REGION", session.RegionSource);
    }

    [Fact]
    public void Create_OnlyAwsDefaultRegion_UsesIt()
    {
        using var session = Create(Options(Env(("AWS_DEFAULT_REGION", "us-west-2"))));
        Assert.Equal("us-west-2", session.Region);
    }

    [Theory]
    [InlineData("Virginia")]
    [InlineData("us-east-1x")]
    [InlineData("us_east_1")]
    public void Create_InvalidRegion_ThrowsRegionInvalid(string region)
    {
        var error = Assert.Throws<KmsConfigurationException>(() => Create(Options(Env(), region: region)));
        Assert.Equal("RegionInvalid", error.Problem);
        Assert.Contains(region, error.Message);
    }

    [Fact]
    public void Create_EndpointEnvironment_KmsSpecificWins()
    {
        using var session = Create(Options(Env(("AWS_REGION", "us-east-1"),
            ("AWS_ENDPOINT_URL", "http://127.0.0.1:1111"), ("AWS_ENDPOINT_URL_KMS", "http://127.0.0.1:2222"))));
        Assert.Equal("http://127.0.0.1:2222/", session.EndpointUrl);
    }

    [Fact]
    public void Create_IgnoreConfiguredEndpoints_DropsEnvironmentEndpoint()
    {
        using var session = Create(Options(Env(("AWS_REGION", "us-east-1"),
            ("AWS_ENDPOINT_URL_KMS", "http://127.0.0.1:2222"), ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"))));
        Assert.Null(session.EndpointUrl);
    }

    [Theory]
    [InlineData("http://10.0.0.5:4566")]
    [InlineData("http://kms.example.com")]
    public void Create_HttpToAnotherMachine_ThrowsEndpointInsecure(string endpoint)
    {
        var error = Assert.Throws<KmsConfigurationException>(() => Create(Options(Env(), "us-east-1", endpoint)));
        Assert.Equal("EndpointInsecure", error.Problem);
    }

    [Theory]
    [InlineData("http://127.0.0.1:4566")]
    [InlineData("http://localhost:4566")]
    [InlineData("http://[::1]:4566")]
    [InlineData("https://kms.example.com")]
    public void Create_LoopbackHttpOrHttps_IsAccepted(string endpoint)
    {
        using var session = Create(Options(Env(), "us-east-1", endpoint));
        Assert.NotNull(session.EndpointUrl);
    }

    [Fact]
    public void Create_AllowInsecureEndpoint_WarnsAndAccepts()
    {
        var warnings = new List<string>();
        var options = new KmsSessionOptions
        {
            Region = "us-east-1",
            EndpointUrl = "http://10.0.0.5:4566",
            AllowInsecureEndpoint = true,
            Environment = name => Keys.TryGetValue(name, out var v) ? v : null,
        };
        using var session = KmsSessionFactory.Create(options, _ => { }, warnings.Add);
        Assert.Single(warnings);
        Assert.Contains("clear text", warnings[0]);
    }

    [Fact]
    public void Create_NotAUrl_ThrowsEndpointInvalid()
    {
        var error = Assert.Throws<KmsConfigurationException>(() => Create(Options(Env(), "us-east-1", "kms.local")));
        Assert.Equal("EndpointInvalid", error.Problem);
    }

    [Fact]
    public void Create_AccessKeyWithoutSecret_ThrowsCredentialsIncomplete()
    {
        var options = new KmsSessionOptions { Region = "us-east-1", AccessKey = "AKIDONLY", Environment = _ => null };
        var error = Assert.Throws<KmsConfigurationException>(() => Create(options));
        Assert.Equal("CredentialsIncomplete", error.Problem);
    }

    [Fact]
    public void Create_ParametersAndEnvironment_SaysWhichCredentialsWon()
    {
        using var fromEnvironment = Create(Options(Env(), "us-east-1"));
        Assert.Equal("environment (AWS_ACCESS_KEY_ID)", fromEnvironment.CredentialSource);
        var explicitOptions = new KmsSessionOptions { Region = "us-east-1", AccessKey = "AKID", SecretKey = "secret", SessionToken = "token", Environment = _ => null };
        using var fromParameters = Create(explicitOptions);
        Assert.Equal("parameters (session token)", fromParameters.CredentialSource);
    }

    [Fact]
    public void Create_UnknownProfileInEnvironment_ThrowsProfileNotFound()
    {
        var error = Assert.Throws<KmsConfigurationException>(() => Create(Options(Env(("AWS_PROFILE", "no-such-profile-" + Guid.NewGuid())), "us-east-1")));
        Assert.Equal("ProfileNotFound", error.Problem);
        Assert.Contains("AWS_PROFILE", error.Message);
        Assert.NotNull(error.InnerException);
    }

    [Fact]
    public void Create_FipsFromEnvironment_IsHonoured()
    {
        using var session = Create(Options(Env(("AWS_USE_FIPS_ENDPOINT", "true")), "us-east-1"));
        Assert.True(session.UseFipsEndpoint);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(21)]
    public void Create_MaxAttemptsOutOfRange_Throws(int attempts)
    {
        var options = new KmsSessionOptions { Region = "us-east-1", MaxAttempts = attempts, Environment = name => Keys.GetValueOrDefault(name) };
        Assert.Equal("MaxAttemptsInvalid", Assert.Throws<KmsConfigurationException>(() => Create(options)).Problem);
    }
}
