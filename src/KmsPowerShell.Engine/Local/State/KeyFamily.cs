namespace KmsPowerShell.Engine.Local.State;

internal enum KeyFamily
{
    Symmetric,
    Rsa,
    Ecc,
    Hmac,
}
