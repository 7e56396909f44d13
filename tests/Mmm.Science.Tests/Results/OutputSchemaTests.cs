using Mmm.Science.Results;
using Parquet;
using Parquet.Meta;

namespace Mmm.Science.Tests.Results;

/// <summary>What any Parquet reader (pyarrow, DuckDB) sees in the written files: names, physical and logical types, nullability.</summary>
public class OutputSchemaTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"mmm-schema-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private enum Logical { None, String, Date, Int32, Int64 }

    public static TheoryData<string, string[]> Files => new()
    {
        { "decomposition.parquet", ["region:BYTE_ARRAY:String", "date:INT32:Date", "component_type:BYTE_ARRAY:String", "component:BYTE_ARRAY:String", "contribution:DOUBLE:None"] },
        { "fit.parquet", ["region:BYTE_ARRAY:String", "date:INT32:Date", "actual:DOUBLE:None", "predicted:DOUBLE:None", "split:BYTE_ARRAY:String"] },
        { "adjacency.parquet", ["source:BYTE_ARRAY:String", "target:BYTE_ARRAY:String", "weight:DOUBLE:None", "selected:BOOLEAN:None", "probability?:DOUBLE:None"] },
        { "training_history.parquet", [
            "outer_iteration:INT32:Int32", "epoch:INT32:Int32", "loss:DOUBLE:None", "fit_loss:DOUBLE:None", "dag_loss:DOUBLE:None",
            "h:DOUBLE:None", "rho:DOUBLE:None", "alpha:DOUBLE:None", "train_r2:DOUBLE:None", "holdout_r2?:DOUBLE:None", "elapsed_ms:INT64:Int64"] },
        { "channels.parquet", [
            "channel:BYTE_ARRAY:String", "split:BYTE_ARRAY:String", "contribution:DOUBLE:None", "share_of_actual?:DOUBLE:None",
            "share_of_predicted?:DOUBLE:None", "spend?:DOUBLE:None", "roas?:DOUBLE:None", "contribution_low?:DOUBLE:None",
            "contribution_high?:DOUBLE:None", "share_of_actual_low?:DOUBLE:None", "share_of_actual_high?:DOUBLE:None", "roas_low?:DOUBLE:None",
            "roas_high?:DOUBLE:None", "total_contribution?:DOUBLE:None", "total_contribution_low?:DOUBLE:None",
            "total_contribution_high?:DOUBLE:None", "total_roas?:DOUBLE:None", "total_roas_low?:DOUBLE:None", "total_roas_high?:DOUBLE:None"] },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Columns_have_the_contract_names_and_types(string file, string[] expected)
    {
        var dir = Path.Combine(_root, "out");
        await WriteTablesAsync(dir, SampleOutputs.Create());

        await using var reader = await ParquetReader.CreateAsync(Path.Combine(dir, file));
        var elements = reader.Metadata!.Schema.Skip(1).ToList(); // [0] is the root
        Assert.Equal(expected.Length, elements.Count);
        for (int i = 0; i < expected.Length; i++)
        {
            var parts = expected[i].Split(':');
            bool nullable = parts[0].EndsWith('?');
            string name = parts[0].TrimEnd('?');
            var element = elements[i];
            Assert.Equal(name, element.Name);
            Assert.Equal(Enum.Parse<Parquet.Meta.Type>(parts[1]), element.Type);
            Assert.Equal(nullable ? FieldRepetitionType.OPTIONAL : FieldRepetitionType.REQUIRED, element.RepetitionType);
            switch (Enum.Parse<Logical>(parts[2]))
            {
                case Logical.String: Assert.NotNull(element.LogicalType?.STRING); Assert.Equal(ConvertedType.UTF8, element.ConvertedType); break;
                case Logical.Date: Assert.NotNull(element.LogicalType?.DATE); Assert.Equal(ConvertedType.DATE, element.ConvertedType); break;
                case Logical.Int32: Assert.Equal((sbyte?)32, element.LogicalType?.INTEGER?.BitWidth); Assert.True(element.LogicalType!.INTEGER!.IsSigned); break;
                case Logical.Int64: Assert.Equal((sbyte?)64, element.LogicalType?.INTEGER?.BitWidth); Assert.True(element.LogicalType!.INTEGER!.IsSigned); break;
                default: Assert.Null(element.LogicalType); break;
            }
        }

        // The same through Parquet.Net's own schema model.
        var fields = reader.Schema.GetDataFields();
        Assert.Equal(expected.Select(e => e.Split(':')[0].TrimEnd('?')), fields.Select(f => f.Name));
        Assert.Equal(expected.Select(e => e.Split(':')[0].EndsWith('?')), fields.Select(f => f.IsNullable));
    }

    [Fact]
    public async Task Clr_types_read_back_as_declared()
    {
        var dir = Path.Combine(_root, "clr");
        await WriteTablesAsync(dir, SampleOutputs.Create());
        await using var reader = await ParquetReader.CreateAsync(Path.Combine(dir, "training_history.parquet"));
        var types = reader.Schema.GetDataFields().ToDictionary(f => f.Name, f => f.ClrType);
        Assert.Equal(typeof(int), types["outer_iteration"]);
        Assert.Equal(typeof(long), types["elapsed_ms"]);
        Assert.Equal(typeof(double), types["holdout_r2"]);

        await using var fit = await ParquetReader.CreateAsync(Path.Combine(dir, "fit.parquet"), new ParquetOptions { UseDateOnlyTypeForDates = true });
        Assert.Equal(typeof(DateOnly), fit.Schema.GetDataFields().Single(f => f.Name == "date").ClrType);
    }

    private static async Task WriteTablesAsync(string dir, FitOutputs outputs)
    {
        Directory.CreateDirectory(dir);
        await OutputTables.Decomposition.WriteAsync(Path.Combine(dir, OutputTables.DecompositionFile), outputs.Decomposition, default);
        await OutputTables.Fit.WriteAsync(Path.Combine(dir, OutputTables.FitFile), outputs.Fit, default);
        await OutputTables.Adjacency.WriteAsync(Path.Combine(dir, OutputTables.AdjacencyFile), outputs.Adjacency, default);
        await OutputTables.History.WriteAsync(Path.Combine(dir, OutputTables.HistoryFile), outputs.History, default);
        await OutputTables.Channels.WriteAsync(Path.Combine(dir, OutputTables.ChannelsFile), outputs.Channels, default);
    }
}
