using Mmm.LocalHost.Storage;
using Mmm.Workflow.Settings;

namespace Mmm.LocalHost.Settings;

/// <summary>The storage connection string: <c>UseDevelopmentStorage=true</c> (the default) means Azurite on 127.0.0.1:10000/10001/10002.</summary>
public static class StorageConnection
{
    public const string DevelopmentStorage = "UseDevelopmentStorage=true";
    public const int DevelopmentBlobPort = 10000, DevelopmentQueuePort = 10001, DevelopmentTablePort = 10002;

    /// <summary>The configured connection string; development storage when none is set.</summary>
    public static string Of(MmmSettings settings) => settings.StorageConnectionString ?? DevelopmentStorage;

    public static bool IsDevelopmentStorage(string connectionString) =>
        connectionString.Trim().TrimEnd(';').Equals(DevelopmentStorage, StringComparison.OrdinalIgnoreCase);

    /// <summary>The explicit form of a connection string (development storage expanded to Azurite's well-known endpoints).</summary>
    public static string Expand(string connectionString) =>
        IsDevelopmentStorage(connectionString)
            ? AzuriteProcess.ConnectionStringFor(DevelopmentBlobPort, DevelopmentQueuePort, DevelopmentTablePort)
            : connectionString;
}
