using System.Management.Automation;

namespace KmsPowerShell.Cmdlets.Tests;

public class KmsErrorMapTests
{
    private static KmsServiceException Service(string code) => new(code, $"KMS said {code}.", 400, "request-1", null);

    [Theory]
    [InlineData("NotFoundException", "KeyNotFound", ErrorCategory.ObjectNotFound)]
    [InlineData("DisabledException", "KeyDisabled", ErrorCategory.InvalidOperation)]
    [InlineData("AccessDeniedException", "AccessDenied", ErrorCategory.PermissionDenied)]
    [InlineData("UnrecognizedClientException", "CredentialsRejected", ErrorCategory.AuthenticationError)]
    [InlineData("InvalidSignatureException", "CredentialsRejected", ErrorCategory.AuthenticationError)]
    [InlineData("ThrottlingException", "Throttled", ErrorCategory.LimitsExceeded)]
    [InlineData("KMSInternalException", "ServiceError", ErrorCategory.ResourceUnavailable)]
    [InlineData("KMSInvalidSignatureException", "SignatureInvalid", ErrorCategory.InvalidData)]
    [InlineData("EndpointUnreachable", "EndpointUnreachable", ErrorCategory.ConnectionError)]
    [InlineData("EndpointRedirected", "EndpointRedirected", ErrorCategory.ProtocolError)]
    [InlineData("RequestTimeout", "RequestTimeout", ErrorCategory.OperationTimeout)]
    [InlineData("ExpiredImportTokenException", "ImportTokenExpired", ErrorCategory.InvalidOperation)]
    [InlineData("InvalidImportTokenException", "ImportTokenInvalid", ErrorCategory.InvalidArgument)]
    [InlineData("IncorrectKeyMaterialException", "KeyMaterialIncorrect", ErrorCategory.InvalidData)]
    [InlineData("XksKeyNotFoundException", "XksKeyNotFound", ErrorCategory.ObjectNotFound)]
    [InlineData("XksKeyInvalidConfigurationException", "XksKeyConfigurationInvalid", ErrorCategory.InvalidData)]
    [InlineData("XksKeyAlreadyInUseException", "XksKeyInUse", ErrorCategory.ResourceExists)]
    public void MapsKmsErrorCodesToStableIdsCategoriesAndAdvice(string code, string errorId, ErrorCategory category)
    {
        var exception = Service(code);
        var record = KmsErrorMap.ToErrorRecord(exception, "alias/app");
        Assert.Equal(errorId, record.FullyQualifiedErrorId);
        Assert.Equal(category, record.CategoryInfo.Category);
        Assert.Same(exception, record.Exception);
        Assert.Equal("alias/app", record.TargetObject);
        Assert.Equal(exception.Message, record.ErrorDetails.Message);
        Assert.False(string.IsNullOrWhiteSpace(record.ErrorDetails.RecommendedAction));
    }

    [Fact]
    public void AdvisesOnTheRegionForAKeyNotFound() =>
        Assert.Contains("-Region", KmsErrorMap.ToErrorRecord(Service("NotFoundException"), null).ErrorDetails.RecommendedAction);

    [Fact]
    public void NamesAnUnknownKmsCodeWithoutItsExceptionSuffixAndGivesNoAdvice()
    {
        var record = KmsErrorMap.ToErrorRecord(Service("KeyStoreBrokenException"), null);
        Assert.Equal("KeyStoreBroken", record.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.NotSpecified, record.CategoryInfo.Category);
        Assert.Null(record.ErrorDetails);
    }

    [Fact]
    public void MapsSessionAndLocalKmsProblems()
    {
        var record = KmsErrorMap.ToErrorRecord(new KmsConfigurationException("NoKmsSession", "No session."), null);
        Assert.Equal("NoKmsSession", record.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidOperation, record.CategoryInfo.Category);
        Assert.False(string.IsNullOrWhiteSpace(record.ErrorDetails.RecommendedAction));
        Assert.Contains("-LocalStatePath", KmsErrorMap.ToErrorRecord(new KmsConfigurationException("LocalKmsNotOpen", "Not open."), null).ErrorDetails.RecommendedAction);
    }

    [Fact]
    public void NamesAnUnmappedConfigurationProblemAsItIsAnInvalidArgument()
    {
        var record = KmsErrorMap.ToErrorRecord(new KmsConfigurationException("ProfileNotFound", "No such profile."), "dev");
        Assert.Equal("ProfileNotFound", record.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, record.CategoryInfo.Category);
        Assert.Null(record.ErrorDetails);
    }

    [Theory]
    [InlineData("NoDecryptableKey", ErrorCategory.PermissionDenied, "-Discovery")]
    [InlineData("CommitmentPolicyViolation", ErrorCategory.SecurityError, "-CommitmentPolicy")]
    [InlineData("EncryptionContextMismatch", ErrorCategory.SecurityError, "-EncryptionContext")]
    [InlineData("TooManyEncryptedDataKeys", ErrorCategory.SecurityError, "-MaxEncryptedDataKeys")]
    [InlineData("MessageTampered", ErrorCategory.InvalidData, "nothing was written")]
    public void MapsMessageProblemsToTheirCategoryAndAdvice(string problem, ErrorCategory category, string advice)
    {
        var record = KmsErrorMap.ToErrorRecord(new KmsMessageException(problem, "The message cannot be read."), null);
        Assert.Equal(problem, record.FullyQualifiedErrorId);
        Assert.Equal(category, record.CategoryInfo.Category);
        Assert.Contains(advice, record.ErrorDetails.RecommendedAction);
    }

    [Fact]
    public void TellsFileErrorsApartThoughTheyAreAllIOExceptions()
    {
        Assert.Equal(("FileNotFound", ErrorCategory.ObjectNotFound), Describe(new FileNotFoundException("gone")));
        Assert.Equal(("DirectoryNotFound", ErrorCategory.ObjectNotFound), Describe(new DirectoryNotFoundException("gone")));
        Assert.Equal(("FileAccessDenied", ErrorCategory.PermissionDenied), Describe(new UnauthorizedAccessException("no")));
        Assert.Equal(("FileError", ErrorCategory.WriteError), Describe(new IOException("disk full")));
    }

    [Theory]
    [InlineData("OutFileExists")]
    [InlineData("DestinationExists")]
    public void AdvisesForceForAnOutputThatExists(string problem)
    {
        var record = KmsErrorMap.ToErrorRecord(new KmsArgumentException(problem, "It exists."), "out.bin");
        Assert.Equal(problem, record.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ResourceExists, record.CategoryInfo.Category);
        Assert.Contains("-Force", record.ErrorDetails.RecommendedAction);
    }

    [Fact]
    public void NamesOtherArgumentProblemsAsInvalidArguments()
    {
        Assert.Equal(("KeyIdInvalid", ErrorCategory.InvalidArgument), Describe(new KmsArgumentException("KeyIdInvalid", "Bad key id.")));
        Assert.Null(KmsErrorMap.ToErrorRecord(new KmsArgumentException("KeyIdInvalid", "Bad key id."), null).ErrorDetails);
    }

    [Fact]
    public void CallsADisposedSessionClosedAndAnythingElseUnexpected()
    {
        Assert.Equal(("SessionClosed", ErrorCategory.InvalidOperation), Describe(new ObjectDisposedException("KmsSession")));
        Assert.Equal(("UnexpectedError", ErrorCategory.NotSpecified), Describe(new InvalidOperationException("bug")));
    }

    private static (string, ErrorCategory) Describe(Exception exception)
    {
        var record = KmsErrorMap.ToErrorRecord(exception, null);
        return (record.FullyQualifiedErrorId, record.CategoryInfo.Category);
    }
}
