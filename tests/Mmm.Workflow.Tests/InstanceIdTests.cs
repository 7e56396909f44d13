using System.Security.Cryptography;
using System.Text;
using Mmm.Workflow.Orchestration;

namespace Mmm.Workflow.Tests;

public class InstanceIdTests
{
    [Fact]
    public void Id_follows_the_contract()
    {
        var id = InstanceIds.For("mmm-input", "Sales Panel_2024.parquet", "\"0x8DC1\"");
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("mmm-input/Sales Panel_2024.parquet|\"0x8DC1\"")))[..12].ToLowerInvariant();
        Assert.Equal($"mmm-sales-panel-2024-{hash}", id);
    }

    [Fact]
    public void Same_blob_and_etag_give_the_same_id_and_a_new_etag_a_new_one()
    {
        Assert.Equal(InstanceIds.For("c", "a.parquet", "e1"), InstanceIds.For("c", "a.parquet", "e1"));
        Assert.NotEqual(InstanceIds.For("c", "a.parquet", "e1"), InstanceIds.For("c", "a.parquet", "e2"));
    }

    [Fact]
    public void Dataset_is_cut_to_48_characters()
    {
        var dataset = InstanceIds.Dataset(new string('x', 60) + ".parquet");
        Assert.Equal(48, dataset.Length);
        Assert.Equal("region-a-b", InstanceIds.Dataset("folder/Region.A_B.parquet"));
    }
}
