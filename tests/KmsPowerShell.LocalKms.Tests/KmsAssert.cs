using Amazon.Runtime;

namespace KmsPowerShell.LocalKms.Tests;

internal static class KmsAssert
{
    /// <summary>The call fails with this KMS error code; returns the exception for more checks.</summary>
    public static async Task<AmazonServiceException> FailsWith(string errorCode, Func<Task> call)
    {
        var error = await Assert.ThrowsAnyAsync<AmazonServiceException>(call);
        Assert.Equal(errorCode, error.ErrorCode);
        return error;
    }
}
