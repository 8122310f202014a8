namespace KmsPowerShell.LocalKms.State;

internal enum KeyFamily
{
    Symmetric,
    Rsa,
    Ecc,
    Hmac,
}
