namespace KmsPowerShell.LocalKms.State;

internal static class KeyUsages
{
    public const string EncryptDecrypt = "ENCRYPT_DECRYPT";
    public const string SignVerify = "SIGN_VERIFY";
    public const string GenerateVerifyMac = "GENERATE_VERIFY_MAC";
    public const string KeyAgreement = "KEY_AGREEMENT";

    public static readonly string[] All = [SignVerify, EncryptDecrypt, GenerateVerifyMac, KeyAgreement];
}
