namespace KmsPowerShell.Engine.Local.Faults;

internal enum FaultKind
{
    None,
    Throttle,
    InternalError,
    DropConnection,
    Slow,
}
