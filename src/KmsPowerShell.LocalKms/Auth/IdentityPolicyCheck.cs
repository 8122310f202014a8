using KmsPowerShell.LocalKms.Access;

namespace KmsPowerShell.LocalKms.Auth;

/// <summary>Refuses an identity policy that IAM would refuse, before a principal gets it.</summary>
public static class IdentityPolicyCheck
{
    /// <exception cref="KmsArgumentException">PolicyInvalid: a policy is malformed; the message numbers it and gives IAM's words.</exception>
    public static void Require(IEnumerable<string> policies)
    {
        var index = 0;
        foreach (var policy in policies)
        {
            index++;
            try
            {
                PolicyDocument.ParseIdentityPolicy(policy);
            }
            catch (PolicyDocumentException e)
            {
                throw new KmsArgumentException("PolicyInvalid", $"Identity policy {index} is not a valid IAM policy: {e.Message}");
            }
        }
    }
}
