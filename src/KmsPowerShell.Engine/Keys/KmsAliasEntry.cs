namespace KmsPowerShell.Engine.Keys;

/// <summary>One alias as ListAliases returns it.</summary>
public sealed record KmsAliasEntry(string AliasName, string AliasArn, string? TargetKeyId, string Region);
