using KmsPowerShell.XksProxy;

using System.Diagnostics;

// dotnet KmsPowerShell.XksProxy.dll [--uri-path P] [--access-key-id A] [--secret-access-key S] [--region R] [--key id]... [--parent-pid N]
// Starts the test XKS proxy on a free loopback port, writes "http://127.0.0.1:PORT" as its first line, and serves until
// it is stopped (by its PID), or until the process --parent-pid names has ended, so that a test that died leaves none behind.
var options = new Dictionary<string, List<string>>(StringComparer.Ordinal);
for (var i = 0; i + 1 < args.Length; i += 2)
{
    if (!options.TryGetValue(args[i], out var values)) options[args[i]] = values = [];
    values.Add(args[i + 1]);
}
string Option(string name, string fallback) => options.TryGetValue(name, out var values) ? values[^1] : fallback;

using var proxy = new XksProxyServer(Option("--uri-path", XksProxyServer.DefaultUriPath), Option("--access-key-id", XksProxyServer.DefaultAccessKeyId),
    Option("--secret-access-key", XksProxyServer.DefaultSecretAccessKey), Option("--region", "us-east-1"));
foreach (var id in options.GetValueOrDefault("--key") ?? []) proxy.AddKey(id);
Console.WriteLine(proxy.Endpoint);
Console.Out.Flush();
if (options.ContainsKey("--parent-pid"))
{
    using var parent = Process.GetProcessById(int.Parse(Option("--parent-pid", "0"), System.Globalization.CultureInfo.InvariantCulture));
    await parent.WaitForExitAsync();
}
else
{
    await Task.Delay(Timeout.Infinite);
}
