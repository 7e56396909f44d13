using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Mmm.LocalHost.Storage;

/// <summary>
/// Azurite, the Azure Storage emulator, started from the npm package this repository pins
/// (package.json), installing it with npm when missing. Bound to 127.0.0.1, with
/// --skipApiVersionCheck (Azure.Storage.Blobs 12.30 speaks a newer API version than Azurite 3.37 knows).
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    public const string AccountName = "devstoreaccount1";
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private readonly Process process;
    public int BlobPort { get; }
    public int QueuePort { get; }
    public int TablePort { get; }
    public string Location { get; }

    private AzuriteProcess(Process process, int blob, int queue, int table, string location)
    {
        this.process = process;
        (BlobPort, QueuePort, TablePort, Location) = (blob, queue, table, location);
    }

    public string ConnectionString => ConnectionStringFor(BlobPort, QueuePort, TablePort);

    public static string ConnectionStringFor(int blob, int queue, int table) =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{blob}/{AccountName};QueueEndpoint=http://127.0.0.1:{queue}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{table}/{AccountName};";

    /// <summary>Starts Azurite on the given ports (0: free ones) with its workspace in <paramref name="location"/>.</summary>
    public static async Task<AzuriteProcess> StartAsync(string location, int blobPort = 0, int queuePort = 0, int tablePort = 0,
        Action<string>? log = null, CancellationToken ct = default)
    {
        var root = RepositoryRoot.Find();
        var script = Path.Combine(root, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            // One install at a time: tests start several Azurites at once on a fresh clone.
            await InstallLock.WaitAsync(ct);
            try
            {
                if (!File.Exists(script))
                {
                    log?.Invoke("Azurite is not installed; running npm install (pinned in package.json)...");
                    await RunAsync("npm", "install --no-audit --no-fund --loglevel=error", root, ct);
                    if (!File.Exists(script)) throw new InvalidOperationException($"npm install did not provide {script}");
                }
            }
            finally
            {
                InstallLock.Release();
            }
        }
        Directory.CreateDirectory(location);
        int blob = blobPort == 0 ? FreePort() : blobPort, queue = queuePort == 0 ? FreePort() : queuePort, table = tablePort == 0 ? FreePort() : tablePort;
        var start = new ProcessStartInfo("node")
        {
            ArgumentList =
            {
                script, "--silent", "--skipApiVersionCheck", "--location", location,
                "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
                "--blobPort", blob.ToString(), "--queuePort", queue.ToString(), "--tablePort", table.ToString(),
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start node");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) log?.Invoke("azurite: " + line); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var azurite = new AzuriteProcess(process, blob, queue, table, location);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(IsListening(blob) && IsListening(queue) && IsListening(table)))
        {
            if (process.HasExited) throw new InvalidOperationException($"Azurite exited with code {process.ExitCode} before listening");
            if (DateTime.UtcNow > deadline) { await azurite.DisposeAsync(); throw new TimeoutException("Azurite did not start listening within 60 s"); }
            await Task.Delay(100, ct);
        }
        log?.Invoke($"Azurite listening on 127.0.0.1 (blob {blob}, queue {queue}, table {table}), workspace {location}");
        return azurite;
    }

    public static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static async Task RunAsync(string file, string arguments, string directory, CancellationToken ct)
    {
        using var p = Process.Start(new ProcessStartInfo(file, arguments) { WorkingDirectory = directory, UseShellExecute = false })
            ?? throw new InvalidOperationException($"could not start {file}");
        await p.WaitForExitAsync(ct);
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {arguments} failed with exit code {p.ExitCode}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }
}
