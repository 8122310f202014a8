namespace KmsPowerShell;

/// <summary>An account as the user named it: by profile, by role, or the session's own.</summary>
internal sealed record AccountTarget(string Name, string? ProfileName, string? RoleArn)
{
    public static AccountTarget SessionsOwn { get; } = new("the session's account", null, null);
}

/// <summary>The accounts a command was asked to reach: -ProfileName, -RoleArn, and how to assume the roles.</summary>
internal sealed record AccountsAsked(IReadOnlyList<string>? ProfileNames, IReadOnlyList<string>? RoleArns, string? ExternalId, string RoleSessionName)
{
    /// <summary>True when a profile or a role was given, so the session's own account is not read.</summary>
    public bool Any => ProfileNames is not null || RoleArns is not null;
}
