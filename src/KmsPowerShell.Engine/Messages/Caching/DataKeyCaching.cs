namespace KmsPowerShell.Engine.Messages.Caching;

/// <summary>Where and how one encryption may reuse data keys: the session's cache, the partition of its key set, the limits.</summary>
internal sealed record DataKeyCaching(DataKeyCache Cache, string Partition, DataKeyCacheLimits Limits);
