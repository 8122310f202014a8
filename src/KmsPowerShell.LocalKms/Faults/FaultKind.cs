namespace KmsPowerShell.LocalKms.Faults;

internal enum FaultKind
{
    None,
    Throttle,
    InternalError,
    DropConnection,
    Slow,
}
