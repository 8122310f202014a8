namespace KmsPowerShell;

/// <summary>A local KMS served over HTTP on 127.0.0.1, for awscli and other SDKs.</summary>
public sealed class KmsLocalServer
{
    internal KmsLocalServer(string endpoint, int port, string? statePath, string accessKeyId, string secretAccessKey)
    {
        Endpoint = endpoint;
        Port = port;
        StatePath = statePath;
        AccessKeyId = accessKeyId;
        SecretAccessKey = secretAccessKey;
    }

    /// <summary>The URL to give clients: aws --endpoint-url, AWS_ENDPOINT_URL_KMS, Connect-Kms -EndpointUrl.</summary>
    public string Endpoint { get; }

    /// <summary>The loopback port the server listens on.</summary>
    public int Port { get; }

    /// <summary>The state file, or empty when the local KMS lives in memory.</summary>
    public string? StatePath { get; }

    /// <summary>The well-known access key of the local administrator (not a secret).</summary>
    public string AccessKeyId { get; }

    /// <summary>The well-known secret key of the local administrator (not a secret).</summary>
    public string SecretAccessKey { get; }

    /// <inheritdoc />
    public override string ToString() => Endpoint;
}
