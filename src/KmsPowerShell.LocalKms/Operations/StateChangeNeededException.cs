namespace KmsPowerShell.LocalKms.Operations;

/// <summary>An operation that only reads found it must change the state (it named an AWS managed key not made yet); the service runs it again under the write lock.</summary>
internal sealed class StateChangeNeededException : Exception
{
}
