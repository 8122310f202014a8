namespace KmsPowerShell.LocalKms.State;

/// <summary>The Origin values of CreateKey.</summary>
internal static class KeyOrigins
{
    public const string AwsKms = "AWS_KMS";
    public const string External = "EXTERNAL";
    public const string AwsCloudHsm = "AWS_CLOUDHSM";
    public const string ExternalKeyStore = "EXTERNAL_KEY_STORE";

    public static readonly string[] All = [AwsKms, External, AwsCloudHsm, ExternalKeyStore];
}
