using Mmm.LocalHost.Tests.Support;

namespace Mmm.LocalHost.Tests.Watcher;

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite (API and watcher)";
}
