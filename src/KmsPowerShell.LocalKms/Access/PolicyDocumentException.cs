namespace KmsPowerShell.LocalKms.Access;

/// <summary>A policy document that cannot be used; the message is the text of KMS's (or IAM's) MalformedPolicyDocumentException.</summary>
public sealed class PolicyDocumentException(string message) : Exception(message);
