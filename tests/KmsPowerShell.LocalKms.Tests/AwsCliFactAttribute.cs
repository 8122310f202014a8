namespace KmsPowerShell.LocalKms.Tests;

/// <summary>A fact that needs awscli: skipped when `aws` is not on PATH, except in CI (CI=true), where it must run.</summary>
public sealed class AwsCliFactAttribute : FactAttribute
{
    public AwsCliFactAttribute()
    {
        if (AwsCli.Find() is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = "awscli ('aws') is not on PATH.";
        }
    }
}
