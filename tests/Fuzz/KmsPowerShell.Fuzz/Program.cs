using System.Diagnostics;
using System.Security.Cryptography;
using KmsPowerShell.Engine.Messages;
using KmsPowerShell.Engine.Messages.Format;
using KmsPowerShell;
using KmsPowerShell.Fuzz;
using SharpFuzz;

// A fuzzer for the message parser, the decryptor (body and footer, through a keyring that always answers with the
// seeds' data key; once as the input is, once with its header resealed, see Resealer) and the encryption-context
// decoder. Each input runs on a watchdog; only KmsMessageException and KmsArgumentException may escape; managed
// allocation per input and the process working set are bounded.
// Two engines share that per-input check (Run below):
// - on its own, a bounded seeded mutation fuzzer; failing inputs are written to <out>/crashes (or hangs);
// - with --afl, the target of afl-fuzz through SharpFuzz (coverage-guided; the engine assembly must be an
//   instrumented copy, see build.ps1 -Task Fuzz); --write-seeds DIR writes the seeds for afl-fuzz -i.
// Usage: KmsPowerShell.Fuzz [--seconds N] [--seed S] [--out DIR] [--timeout-ms T] [--afl] [--write-seeds DIR] [--replay FILE...]
var options = Options.Parse(args);
if (options.Afl)
{
    // Out of process: after a hang afl-fuzz kills the child that runs the inputs, and SharpFuzz starts a new one.
    Fuzzer.OutOfProcess.Run(stream =>
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        if (Run(copy.ToArray(), options.TimeoutMs) is { } problem) throw new InvalidOperationException(problem);
    });
    return 0;
}
var messages = await Seeds.MessagesAsync();
var contexts = Seeds.EncodedContexts();
var corpus = messages.Concat(contexts).ToList();
var failures = 0;

if (options.WriteSeeds is { } seedFolder)
{
    Directory.CreateDirectory(seedFolder);
    for (var i = 0; i < messages.Count; i++) await File.WriteAllBytesAsync(Path.Combine(seedFolder, $"message-{i:D2}.bin"), messages[i]);
    for (var i = 0; i < contexts.Count; i++) await File.WriteAllBytesAsync(Path.Combine(seedFolder, $"context-{i:D2}.bin"), contexts[i]);
    Console.WriteLine($"{corpus.Count} seeds written to {seedFolder}");
    return 0;
}

if (options.Replay.Count > 0)
{
    foreach (var file in options.Replay)
    {
        var outcome = Run(await File.ReadAllBytesAsync(file), options.TimeoutMs);
        Console.WriteLine($"{file}: {outcome ?? "ok"}");
        if (outcome is not null) failures++;
    }
    return failures == 0 ? 0 : 1;
}

Directory.CreateDirectory(options.Out);
// Every seed must pass untouched first, and reseal to itself: a broken seed or resealer would make the run meaningless.
foreach (var seed in corpus)
{
    if (Run(seed, options.TimeoutMs) is { } problem) throw new InvalidOperationException($"A seed fails: {problem}");
}
if (messages.FirstOrDefault(m => Resealer.Reseal(m) is not { } resealed || !resealed.AsSpan().SequenceEqual(m)) is not null)
{
    throw new InvalidOperationException("A seed message does not reseal to itself.");
}

var mutator = new Mutator(options.Seed);
var clock = Stopwatch.StartNew();
long executions = 0, peakWorkingSet = 0;
var lastReport = TimeSpan.Zero;
while (clock.Elapsed.TotalSeconds < options.Seconds)
{
    var isContext = executions % 8 == 7;
    var pool = isContext ? contexts : messages;
    var input = mutator.Mutate(pool[(int)(executions / 8 % pool.Count)], corpus);
    executions++;
    var outcome = Run(input, options.TimeoutMs);
    if (executions % 256 == 0)
    {
        peakWorkingSet = Math.Max(peakWorkingSet, Environment.WorkingSet);
        if (Environment.WorkingSet > options.MaxWorkingSet) outcome ??= $"the working set reached {Environment.WorkingSet >> 20} MiB";
    }
    if (outcome is not null)
    {
        failures++;
        Save(input, outcome, outcome.StartsWith("hang", StringComparison.Ordinal) ? "hangs" : "crashes");
        if (outcome.StartsWith("hang", StringComparison.Ordinal)) break; // the stuck thread cannot be stopped
    }
    if (clock.Elapsed - lastReport >= TimeSpan.FromSeconds(30))
    {
        lastReport = clock.Elapsed;
        Console.WriteLine($"[{clock.Elapsed:mm\\:ss}] {executions} inputs, {failures} failures, peak working set {peakWorkingSet >> 20} MiB");
    }
}
peakWorkingSet = Math.Max(peakWorkingSet, Environment.WorkingSet);
Console.WriteLine($"fuzz: {executions} inputs in {clock.Elapsed.TotalSeconds:F0} s (seed {options.Seed}), {failures} failures, " +
    $"peak working set {peakWorkingSet >> 20} MiB; {corpus.Count} seeds ({messages.Count} messages, {contexts.Count} contexts)");
return failures == 0 ? 0 : 1;

// Null when the input was handled as the format allows, else what went wrong.
static string? Run(byte[] input, int timeoutMs)
{
    var before = GC.GetTotalAllocatedBytes(precise: false);
    var work = Task.Run(() => Targets.RunAllAsync(input));
    try
    {
        if (!work.Wait(timeoutMs)) return $"hang: no answer within {timeoutMs} ms";
    }
    catch (AggregateException e)
    {
        return $"crash: {e.InnerException}";
    }
    var allocated = GC.GetTotalAllocatedBytes(precise: false) - before;
    var limit = (64L << 20) + 64L * input.Length;
    return allocated > limit ? $"allocation: {allocated >> 20} MiB for a {input.Length}-byte input" : null;
}

void Save(byte[] input, string outcome, string kind)
{
    var folder = Directory.CreateDirectory(Path.Combine(options.Out, kind)).FullName;
    var name = Convert.ToHexString(SHA256.HashData(input))[..16].ToLowerInvariant();
    File.WriteAllBytes(Path.Combine(folder, name + ".bin"), input);
    File.WriteAllText(Path.Combine(folder, name + ".txt"), outcome);
    Console.WriteLine($"{kind}: {name}: {outcome.Split('\n')[0]}");
}

internal static class Targets
{
    private static readonly DecryptSettings Settings = new(KmsCommitmentPolicy.RequireEncryptAllowDecrypt);

    public static async Task RunAllAsync(byte[] input)
    {
        await Expect(() => { KmsMessageCrypto.ReadInfo(new MemoryStream(input), maxEncryptedDataKeys: null); return Task.CompletedTask; });
        await Expect(() => { KmsMessageCrypto.ReadInfo(new MemoryStream(input), maxEncryptedDataKeys: 1); return Task.CompletedTask; });
        await Expect(() => MessageDecryptor.DecryptAsync(new MemoryStream(input), Stream.Null, new FixedKeyring(), Settings, null, CancellationToken.None));
        await Expect(() => { EncryptionContextCodec.Parse(input); return Task.CompletedTask; });
        await Expect(() => Resealer.Reseal(input) is { } resealed
            ? MessageDecryptor.DecryptAsync(new MemoryStream(resealed), Stream.Null, new FixedKeyring(), Settings, null, CancellationToken.None)
            : Task.CompletedTask);
    }

    private static async Task Expect(Func<Task> target)
    {
        try
        {
            await target();
        }
        catch (KmsMessageException)
        {
        }
        catch (KmsArgumentException)
        {
        }
    }
}

internal sealed record Options(double Seconds, int Seed, string Out, int TimeoutMs, long MaxWorkingSet, List<string> Replay, bool Afl, string? WriteSeeds)
{
    public static Options Parse(string[] args)
    {
        var options = new Options(300, Environment.TickCount, Path.Combine("out", "fuzz"), 10_000, 1L << 30, [], false, null);
        for (var i = 0; i < args.Length; i++)
        {
            options = args[i] switch
            {
                "--seconds" => options with { Seconds = double.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture) },
                "--seed" => options with { Seed = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture) },
                "--out" => options with { Out = args[++i] },
                "--timeout-ms" => options with { TimeoutMs = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture) },
                "--afl" => options with { Afl = true },
                "--write-seeds" => options with { WriteSeeds = args[++i] },
                "--replay" => options with { Replay = args[(i + 1)..].ToList() },
                _ => throw new ArgumentException($"Unknown argument {args[i]}."),
            };
            if (args[i] == "--replay") break;
        }
        return options;
    }
}
