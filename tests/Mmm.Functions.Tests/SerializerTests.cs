using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Mmm.Functions.Tests.Support;
using Mmm.LocalHost.Engine;
using Mmm.Workflow.Orchestration;

namespace Mmm.Functions.Tests;

/// <summary>
/// One JSON configuration for what both hosts store: the Functions app's serializer (which the Durable extension
/// turns into its data converter) and the local engine's converter write the same text for the records users
/// read in customStatus and output.
/// </summary>
public class SerializerTests
{
    private static readonly RunStatus Status = new(Phases.Training, 3, 12, 150, double.PositiveInfinity, 1.0, 0.25, 0.031, 37.5, 12.0);
    private static readonly RunOutput Output = new("http://127.0.0.1:10000/devstoreaccount1/mmm-output/sales/mmm-sales-abc", 0.9, 0.8, 0.11, 1e-9, 800);

    [Fact]
    public void The_functions_app_and_the_local_engine_serialise_status_and_output_identically_in_camel_case()
    {
        using var app = FunctionsAppHost.Build(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" });
        var functions = app.DataConverter();

        foreach (var value in new object[] { Status, Output })
        {
            var azure = functions.Serialize(value)!;
            var local = WorkflowDataConverter.Instance.Serialize(value);
            Assert.Equal(local, azure);
            Assert.Equal(value, functions.Deserialize(azure, value.GetType()));
        }
        // The worker's global JSON options (which the extension uses on orchestration inputs in some versions) agree too.
        var global = app.Services.GetRequiredService<IOptions<JsonSerializerOptions>>().Value;
        Assert.Equal(WorkflowDataConverter.Instance.Serialize(Status), JsonSerializer.Serialize(Status, global));
        var status = JsonNode.Parse(functions.Serialize(Status)!)!.AsObject();
        Assert.Equal(["phase", "outerIteration", "maxOuterIterations", "epoch", "h", "rho", "alpha", "loss", "percent", "etaSeconds", "membersDone", "members", "selfCheckDone", "selfCheck"],
            status.Select(p => p.Key));
        Assert.Equal("Infinity", (string?)status["h"]); // h starts at +Infinity: a named literal, not an error
        Assert.Equal(["outputUri", "trainR2", "holdoutR2", "holdoutWape", "finalH", "epochs"],
            JsonNode.Parse(functions.Serialize(Output)!)!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void Without_the_apps_serializer_the_worker_would_write_pascal_case_and_fail_on_an_infinite_h()
    {
        // What the isolated worker's default serializer does: the keys users and scripts rely on would change,
        // and the first training status (h = +Infinity before any block) could not be written at all.
        var defaults = new Azure.Core.Serialization.JsonObjectSerializer();
        var json = defaults.Serialize(Status with { H = 0.5 }).ToString();
        Assert.Contains("\"Phase\"", json);
        Assert.DoesNotContain("\"phase\"", json);
        Assert.Throws<ArgumentException>(() => defaults.Serialize(Status));
    }
}
