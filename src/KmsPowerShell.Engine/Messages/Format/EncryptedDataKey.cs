using System.Text;

namespace KmsPowerShell.Engine.Messages.Format;

/// <summary>One data key as a key provider encrypted it: provider id, provider information and the ciphertext.</summary>
internal sealed record EncryptedDataKey(string ProviderId, byte[] ProviderInfo, byte[] Ciphertext)
{
    public const string KmsProviderId = "aws-kms";

    /// <summary>The provider information as text (a key ARN for aws-kms), or null when it is not UTF-8.</summary>
    public string? ProviderInfoText
    {
        get
        {
            try
            {
                return new UTF8Encoding(false, true).GetString(ProviderInfo);
            }
            catch (DecoderFallbackException)
            {
                return null;
            }
        }
    }

    public KmsEncryptedDataKeyInfo ToInfo() => new(ProviderId, ProviderInfoText ?? Convert.ToHexString(ProviderInfo));
}
