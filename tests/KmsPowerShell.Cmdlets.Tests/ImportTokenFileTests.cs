using KmsPowerShell.Commands.KeyMaterial;

namespace KmsPowerShell.Cmdlets.Tests;

public class ImportTokenFileTests
{
    [Theory]
    [InlineData("/work/wrapping.pem", "/work/wrapping.token")]
    [InlineData("/work/wrapping", "/work/wrapping.token")]
    [InlineData("/work/wrapping.token", "/work/wrapping.token.token")]
    [InlineData("/work/v1.2/key.public.pem", "/work/v1.2/key.public.token")]
    public void PutsTheTokenBesideThePublicKeyNeverOnIt(string pemFile, string tokenFile) =>
        Assert.Equal(tokenFile, GetKmsImportParameterCommand.TokenFileOf(pemFile));
}
