namespace KmsPowerShell.Engine.Messages.Body;

/// <summary>Sizes and offsets of framed bodies, and how many frames one batch carries.</summary>
internal readonly record struct FrameLayout(int FrameLength)
{
    /// <summary>About this much message data moves per batch: large enough that the per-batch costs vanish.</summary>
    public const int TargetBatchBytes = 1 << 20;

    /// <summary>Sequence number (4) + IV (12) before the content, tag (16) after.</summary>
    public const int RegularOverhead = 32;

    /// <summary>End marker (4) + sequence number (4) + IV (12) + content length (4) before the content, tag (16) after.</summary>
    public const int FinalOverhead = 40;

    public const int RegularContentOffset = 16;
    public const int FinalContentOffset = 24;

    public long RegularFrameSize => (long)FrameLength + RegularOverhead;

    public int FramesPerBatch => (int)Math.Max(1, Math.Min(TargetBatchBytes / RegularFrameSize, 1 << 20));

    /// <summary>Room for a batch: its regular frames, or all but one of them and the (8 bytes longer) final frame.</summary>
    public long BatchCapacity => FramesPerBatch * RegularFrameSize + (FinalOverhead - RegularOverhead);

    /// <summary>Batches in flight: enough for every stage to work at once, fewer when frames are huge.</summary>
    public int PipelineDepth => BatchCapacity <= 64L << 20 ? 4 : 2;
}
