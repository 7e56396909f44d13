using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Mmm.Functions.Tests.Support;
using Mmm.Workflow.Orchestration;
using Mmm.Workflow.Settings;

namespace Mmm.Functions.Tests;

/// <summary>
/// The functions.metadata the Worker SDK generated for the app (what the Functions host indexes) against what
/// the pipeline needs and infra/ deploys: names, the blob trigger's path, source and connection, the HTTP
/// routes, the orchestration and activity triggers, and entry points that exist.
/// </summary>
public partial class FunctionsMetadataTests
{
    private static readonly JsonArray Functions = JsonNode.Parse(File.ReadAllText(Repository.FunctionsMetadata))!.AsArray();

    private static JsonObject Function(string name) => Assert.Single(Functions, f => (string?)f!["name"] == name)!.AsObject();

    private static JsonObject Binding(string function, string type) =>
        Assert.Single(Function(function)["bindings"]!.AsArray(), b => (string?)b!["type"] == type)!.AsObject();

    private static string Bicep => Repository.Read("infra/bicep/main.bicep");

    [Fact]
    public void The_app_has_exactly_the_pipelines_functions()
    {
        string[] activities = [ActivityNames.ValidateAndScale, ActivityNames.WarmStart, ActivityNames.TrainOuterIteration,
            ActivityNames.FitRefits, ActivityNames.WriteOutputFiles, ActivityNames.CommitOutputs, ActivityNames.WriteFailure,
            ActivityNames.PlanBudget, ActivityNames.WritePlanFailure];
        Assert.Equal(new[] { "BlobStarter", "PlanRequestStarter", MmmOrchestrator.Name, MmmPlanner.Name, "RunStart", "RunStatus", "PlanStart" }
            .Concat(activities).Order(), Functions.Select(f => (string)f!["name"]!).Order());
        foreach (var orchestrator in new[] { MmmOrchestrator.Name, MmmPlanner.Name })
            Assert.Equal("orchestrationTrigger", (string?)Assert.Single(Function(orchestrator)["bindings"]!.AsArray())!["type"]);
        foreach (var activity in activities)
            Assert.Equal("activityTrigger", (string?)Assert.Single(Function(activity)["bindings"]!.AsArray())!["type"]);
    }

    [Fact]
    public void Every_entry_point_is_a_method_of_the_app()
    {
        var assembly = typeof(FunctionsApp).Assembly;
        foreach (var function in Functions)
        {
            Assert.Equal("Mmm.Functions.dll", (string?)function!["scriptFile"]);
            var entryPoint = (string)function["entryPoint"]!;
            int dot = entryPoint.LastIndexOf('.');
            var type = assembly.GetType(entryPoint[..dot]);
            Assert.NotNull(type);
            var method = type!.GetMethod(entryPoint[(dot + 1)..], BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static);
            Assert.Equal((string?)function["name"], method?.GetCustomAttribute<Microsoft.Azure.Functions.Worker.FunctionAttribute>()?.Name);
        }
    }

    [Fact]
    public void The_blob_trigger_watches_the_container_infra_creates_and_event_grid_feeds()
    {
        var trigger = Binding("BlobStarter", "blobTrigger");
        Assert.Equal($"%{MmmSettings.InputContainerSetting}%/{{name}}", (string?)trigger["path"]);
        Assert.Equal("EventGrid", (string?)trigger["source"]);
        Assert.Equal(MmmSettings.StorageSetting, (string?)trigger["connection"]);
        Binding("BlobStarter", "durableClient");

        // infra: the app setting the path names is the input container, the one created and the one Event Grid filters on.
        var inputContainer = InputContainerVariable().Match(Bicep).Groups[1].Value;
        Assert.Equal("mmm-input", inputContainer);
        Assert.Matches(new Regex(@"name: 'MMM_INPUT_CONTAINER'\s+value: inputContainer"), Bicep);
        Assert.Contains("subjectBeginsWith: '/blobServices/default/containers/${inputContainer}/'", Bicep);
        Assert.Contains($"subjectEndsWith: '{RunInputs.PanelExtension}'", Bicep);
        // Event Grid delivers to the blob extension's webhook for each function that has a blob trigger.
        foreach (var starter in Functions.Where(f => f!["bindings"]!.AsArray().Any(b => (string?)b!["type"] == "blobTrigger")))
            Assert.Contains($"functionName=Host.Functions.{(string)starter!["name"]!}&", Bicep);
        // The same container everywhere else it is named.
        Assert.Equal(inputContainer, new MmmSettings().InputContainer);
        Assert.Equal(inputContainer, (string?)JsonNode.Parse(Repository.Read("local.settings.sample.json"))!["Values"]![MmmSettings.InputContainerSetting]);
    }

    [Fact]
    public void The_plan_request_trigger_watches_the_output_container_event_grid_feeds()
    {
        var trigger = Binding("PlanRequestStarter", "blobTrigger");
        Assert.Equal($"%{MmmSettings.OutputContainerSetting}%/{{name}}", (string?)trigger["path"]);
        Assert.Equal("EventGrid", (string?)trigger["source"]);
        Binding("PlanRequestStarter", "durableClient");
        Assert.Contains("subjectBeginsWith: '/blobServices/default/containers/${outputContainer}/'", Bicep);
        var plan = Binding("PlanStart", "httpTrigger");
        Assert.Equal("runs/{instanceId}/plans", (string?)plan["route"]);
        Assert.Equal(["post"], plan["methods"]!.AsArray().Select(m => (string?)m));
        Assert.Equal("Function", (string?)plan["authLevel"]);
    }

    [Fact]
    public void The_http_functions_have_the_upload_and_status_routes()
    {
        var start = Binding("RunStart", "httpTrigger");
        Assert.Equal("runs", (string?)start["route"]);
        Assert.Equal(["post"], start["methods"]!.AsArray().Select(m => (string?)m));
        Assert.Equal("Function", (string?)start["authLevel"]);
        var status = Binding("RunStatus", "httpTrigger");
        Assert.Equal("runs/{instanceId}", (string?)status["route"]);
        Assert.Equal(["get"], status["methods"]!.AsArray().Select(m => (string?)m));
        Binding("RunStart", "durableClient");
        Binding("RunStatus", "durableClient");
    }

    [GeneratedRegex(@"var inputContainer = '([^']+)'")]
    private static partial Regex InputContainerVariable();
}
