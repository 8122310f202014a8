namespace KmsPowerShell.Engine.Compliance;

/// <summary>One account and region a compliance scan reads, and how it was reached (profile, role, or the session's own credentials).</summary>
public sealed record ComplianceScope(string Account, string Region, string? ProfileName = null, string? RoleArn = null);
