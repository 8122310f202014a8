// Measures file encryption and decryption throughput against a KMS endpoint (moto or the local KMS).
// Usage: MessageBench <endpoint-url> <size-MiB> <suite-hex> <frame-length> [work-directory]
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
var work = args.Length > 4 ? args[4] : Path.GetTempPath();
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

var source = Path.Combine(work, $"bench-{sizeMiB}.bin");
if (!File.Exists(source) || new FileInfo(source).Length != (long)sizeMiB << 20)
{
    await using var file = File.Create(source);
    var chunk = new byte[1 << 20];
    for (var i = 0; i < sizeMiB; i++) { RandomNumberGenerator.Fill(chunk); file.Write(chunk); }
}
var encrypted = source + ".esdk";
var decrypted = source + ".out";

// Warm up the SDK (its first call costs ~0.4 s) and the JIT before measuring.
var warm = await crypto.EncryptBytesAsync(new byte[1 << 20], new KmsEncryptOptions { KeyIds = [keyArn], AlgorithmSuite = suite, FrameLength = frameLength });
await crypto.DecryptBytesAsync(warm.Bytes, new KmsDecryptOptions { KeyIds = [keyArn] });

var process = Process.GetCurrentProcess();
var cpu0 = process.TotalProcessorTime;
var stopwatch = Stopwatch.StartNew();
await crypto.EncryptFileAsync(source, encrypted, new KmsEncryptOptions { KeyIds = [keyArn], AlgorithmSuite = suite, FrameLength = frameLength }, overwrite: true);
var encryptSeconds = stopwatch.Elapsed.TotalSeconds;
process.Refresh();
var cpu1 = process.TotalProcessorTime;
stopwatch.Restart();
await crypto.DecryptFileAsync(encrypted, decrypted, new KmsDecryptOptions { KeyIds = [keyArn] }, overwrite: true);
var decryptSeconds = stopwatch.Elapsed.TotalSeconds;
process.Refresh();
var cpu2 = process.TotalProcessorTime;

static byte[] Hash(string path) { using var s = File.OpenRead(path); return SHA256.HashData(s); }
var same = Hash(source).AsSpan().SequenceEqual(Hash(decrypted));
var mb = ((long)sizeMiB << 20) / 1e6;
Console.WriteLine($"suite 0x{(int)suite:X4} frame {frameLength} size {sizeMiB} MiB: encrypt {mb / encryptSeconds:F0} MB/s ({encryptSeconds:F2} s), " +
    $"decrypt {mb / decryptSeconds:F0} MB/s ({decryptSeconds:F2} s), round trip {(same ? "identical" : "DIFFERENT")}, " +
    $"CPU seconds encrypt {(cpu1 - cpu0).TotalSeconds:F2} decrypt {(cpu2 - cpu1).TotalSeconds:F2}, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20)} MiB");
Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(new
{
    suite = $"0x{(int)suite:X4}", frameLength, sizeMiB, encryptMBps = Math.Round(mb / encryptSeconds), decryptMBps = Math.Round(mb / decryptSeconds),
    identical = same, peakWorkingSetMiB = Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20),
}));
File.Delete(encrypted);
File.Delete(decrypted);
return same ? 0 : 1;
