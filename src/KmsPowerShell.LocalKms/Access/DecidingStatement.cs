namespace KmsPowerShell.LocalKms.Access;

/// <summary>
/// A statement (or grant) that took part in a decision. Source says where it is: "KeyPolicy", "IdentityPolicy"
/// (with <see cref="PolicyIndex"/> saying which of the principal's identity policies), or "Grant".
/// </summary>
public sealed record DecidingStatement(string Source, int PolicyIndex, int StatementIndex, string? Sid, string Effect, string? GrantId = null)
{
    public override string ToString() =>
        GrantId is not null ? $"grant {GrantId}" :
        $"{Source}{(Source == "IdentityPolicy" ? $"[{PolicyIndex}]" : "")} statement {(Sid is { Length: > 0 } ? $"'{Sid}'" : $"#{StatementIndex}")} ({Effect})";
}
