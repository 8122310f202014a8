using System.Security.Cryptography;
using KmsPowerShell.Engine.Messages.Primitives;

namespace KmsPowerShell.Engine.Messages.Body;

/// <summary>
/// Seals or opens the regular frames of one batch in two halves at once when a second cipher is given: the first half
/// on the calling thread, the second on a pool thread, each with its own AesGcm and AAD (neither may be shared between
/// threads). Both halves always finish before the batch moves on, so no thread still writes into a reused buffer; when
/// both fail, the first half's failure is the one reported.
/// </summary>
internal sealed class FrameHalves(AesGcm aes, AesGcm? secondAes, byte[] messageId)
{
    /// <summary>Fewer frames than this are not worth a second thread.</summary>
    private const int MinFramesToSplit = 16;

    private readonly Lane _first = new(aes, new BodyAad(messageId, BodyAad.FrameString));
    private readonly Lane? _second = secondAes is null ? null : new(secondAes, new BodyAad(messageId, BodyAad.FrameString));

    /// <summary>Runs <paramref name="work"/> over the frames [from, to) of a batch of <paramref name="frames"/> frames.</summary>
    public void Run(int frames, Action<Lane, int, int> work)
    {
        if (_second is not { } second || frames < MinFramesToSplit)
        {
            work(_first, 0, frames);
            return;
        }
        var middle = frames / 2;
        var secondHalf = Task.Run(() => work(second, middle, frames));
        try
        {
            work(_first, 0, middle);
        }
        catch
        {
            try
            {
                secondHalf.Wait();
            }
            catch (AggregateException)
            {
                // The first half's failure is the one to report.
            }
            throw;
        }
        secondHalf.GetAwaiter().GetResult();
    }

    /// <summary>The cipher and the (reused) AAD buffer of one thread.</summary>
    public sealed record Lane(AesGcm Aes, BodyAad Aad);
}
