// Measures file encryption and decryption throughput against a KMS endpoint (moto or the local KMS).
// Usage: MessageBench <endpoint-url> <size-MiB> <suite-hex> <frame-length> [work-directory | --memory] [passes]
// passes (default 1): the figures are the best of that many encryptions and of that many decryptions, since on a shared
// machine one slow pass is the machine, not the code; bench.mjs takes the JavaScript SDK's best alike.
// --memory: from memory to memory (decrypt writes to Stream.Null), so no page cache or disk is measured, as openssl
// speed measures none.
// Credentials: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY when set (the local KMS server's), else moto's example keys.
// The last line of output is the figures as JSON, for build.ps1 -Task Bench.
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Amazon.Runtime;
using KmsPowerShell;
using KmsPowerShell.Engine.Messages;
using KmsPowerShell.Engine.Session;

var endpoint = args[0];
var sizeMiB = int.Parse(args[1], CultureInfo.InvariantCulture);
var suite = (KmsAlgorithmSuite)Convert.ToInt32(args[2], 16);
var frameLength = int.Parse(args[3], CultureInfo.InvariantCulture);
var inMemory = args.Length > 4 && args[4] == "--memory";
var work = args.Length > 4 && !inMemory ? args[4] : Path.GetTempPath();
var passes = args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : 1;
Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");

var accessKey = Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID") ?? "AKIAIOSFODNN7EXAMPLE";
var secretKey = Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY") ?? "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
using var kms = new AmazonKeyManagementServiceClient(new BasicAWSCredentials(accessKey, secretKey),
    new AmazonKeyManagementServiceConfig { ServiceURL = endpoint, AuthenticationRegion = "us-east-1" });
var keyArn = (await kms.CreateKeyAsync(new CreateKeyRequest())).KeyMetadata.Arn;
using var session = KmsSessionFactory.Create(new KmsSessionOptions
{
    Region = "us-east-1", EndpointUrl = endpoint, AllowInsecureEndpoint = true, AccessKey = accessKey, SecretKey = secretKey,
    Environment = _ => null,
}, _ => { }, _ => { });
var crypto = new KmsMessageCrypto(session);

var encryptOptions = new KmsEncryptOptions { KeyIds = [keyArn], AlgorithmSuite = suite, FrameLength = frameLength };
var decryptOptions = new KmsDecryptOptions { KeyIds = [keyArn] };
var mb = ((long)sizeMiB << 20) / 1e6;
var process = Process.GetCurrentProcess();
if (inMemory) return await InMemoryAsync();

var source = Path.Combine(work, $"bench-{sizeMiB}.bin");
if (!File.Exists(source) || new FileInfo(source).Length != (long)sizeMiB << 20)
{
    await using var file = File.Create(source);
    var chunk = new byte[1 << 20];
    for (var i = 0; i < sizeMiB; i++) { RandomNumberGenerator.Fill(chunk); file.Write(chunk); }
}
var encrypted = source + ".esdk";
var decrypted = source + ".out";

await WarmUpAsync();
var (encryptSeconds, decryptSeconds, encryptCpu, decryptCpu) = await BestOfAsync(
    () => crypto.EncryptFileAsync(source, encrypted, encryptOptions, overwrite: true),
    () => crypto.DecryptFileAsync(encrypted, decrypted, decryptOptions, overwrite: true));

static byte[] Hash(string path) { using var s = File.OpenRead(path); return SHA256.HashData(s); }
var same = Hash(source).AsSpan().SequenceEqual(Hash(decrypted));
Console.WriteLine($"suite 0x{(int)suite:X4} frame {frameLength} size {sizeMiB} MiB: encrypt {mb / encryptSeconds:F0} MB/s ({encryptSeconds:F2} s), " +
    $"decrypt {mb / decryptSeconds:F0} MB/s ({decryptSeconds:F2} s), round trip {(same ? "identical" : "DIFFERENT")}, " +
    $"CPU seconds encrypt {encryptCpu.TotalSeconds:F2} decrypt {decryptCpu.TotalSeconds:F2}, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20)} MiB");
Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(new
{
    suite = $"0x{(int)suite:X4}", frameLength, sizeMiB, encryptMBps = Math.Round(mb / encryptSeconds), decryptMBps = Math.Round(mb / decryptSeconds),
    identical = same, peakWorkingSetMiB = Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20),
    encryptCpuSeconds = Math.Round(encryptCpu.TotalSeconds, 2), decryptCpuSeconds = Math.Round(decryptCpu.TotalSeconds, 2),
}));
File.Delete(encrypted);
File.Delete(decrypted);
return same ? 0 : 1;

// Warm up the SDK (its first call costs ~0.4 s) and the JIT before measuring.
async Task WarmUpAsync()
{
    var warm = await crypto.EncryptBytesAsync(new byte[1 << 20], encryptOptions);
    await crypto.DecryptBytesAsync(warm.Bytes, decryptOptions);
}

async Task<int> InMemoryAsync()
{
    var plaintext = new byte[(long)sizeMiB << 20];
    RandomNumberGenerator.Fill(plaintext);
    // Touched before the clock starts: first writes to fresh pages cost more here than the crypto does.
    var buffer = new byte[plaintext.Length + (plaintext.Length / frameLength + 1) * 64 + 65536];
    Array.Fill(buffer, (byte)1);
    await WarmUpAsync();
    var length = 0;
    var (encryptSeconds, decryptSeconds, encryptCpu, decryptCpu) = await BestOfAsync(
        async () =>
        {
            var ciphertext = new MemoryStream(buffer);
            await crypto.EncryptAsync(new MemoryStream(plaintext, writable: false), ciphertext, encryptOptions);
            length = (int)ciphertext.Position;
        },
        () => crypto.DecryptAsync(new MemoryStream(buffer, 0, length, writable: false), Stream.Null, decryptOptions));
    Console.WriteLine($"suite 0x{(int)suite:X4} frame {frameLength} {sizeMiB} MiB in memory: encrypt {mb / encryptSeconds:F0} MB/s, decrypt {mb / decryptSeconds:F0} MB/s, " +
        $"CPU seconds encrypt {encryptCpu.TotalSeconds:F2} decrypt {decryptCpu.TotalSeconds:F2}");
    Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(new
    {
        suite = $"0x{(int)suite:X4}", frameLength, sizeMiB, encryptMBps = Math.Round(mb / encryptSeconds), decryptMBps = Math.Round(mb / decryptSeconds),
        encryptCpuSeconds = Math.Round(encryptCpu.TotalSeconds, 2), decryptCpuSeconds = Math.Round(decryptCpu.TotalSeconds, 2),
    }));
    return 0;
}

async Task<(double EncryptSeconds, double DecryptSeconds, TimeSpan EncryptCpu, TimeSpan DecryptCpu)> BestOfAsync(Func<Task> encrypt, Func<Task> decrypt)
{
    var best = (EncryptSeconds: double.MaxValue, DecryptSeconds: double.MaxValue, EncryptCpu: TimeSpan.MaxValue, DecryptCpu: TimeSpan.MaxValue);
    for (var pass = 0; pass < passes; pass++)
    {
        process.Refresh();
        var cpu0 = process.TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        await encrypt();
        var encryptSeconds = stopwatch.Elapsed.TotalSeconds;
        process.Refresh();
        var cpu1 = process.TotalProcessorTime;
        stopwatch.Restart();
        await decrypt();
        var decryptSeconds = stopwatch.Elapsed.TotalSeconds;
        process.Refresh();
        var cpu2 = process.TotalProcessorTime;
        best = (Math.Min(best.EncryptSeconds, encryptSeconds), Math.Min(best.DecryptSeconds, decryptSeconds),
            cpu1 - cpu0 < best.EncryptCpu ? cpu1 - cpu0 : best.EncryptCpu, cpu2 - cpu1 < best.DecryptCpu ? cpu2 - cpu1 : best.DecryptCpu);
    }
    return best;
}
