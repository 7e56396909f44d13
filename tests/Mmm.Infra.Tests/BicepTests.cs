using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mmm.Infra.Tests;

/// <summary>Compiles infra/bicep/main.bicep once with the bicep CLI (no Azure needed) for the tests below.</summary>
public sealed class CompiledTemplate
{
    public const string MainBicep = "infra/bicep/main.bicep";

    public CompiledTemplate()
    {
        (ExitCode, Json, StdErr) = Repository.Run(Repository.Bicep, "build", MainBicep, "--stdout");
        if (ExitCode == 0) Template = JsonNode.Parse(Json)!.AsObject();
    }

    public int ExitCode { get; }
    public string Json { get; }
    public string StdErr { get; }
    public JsonObject? Template { get; }

    public IEnumerable<JsonObject> Resources(string type) =>
        Template!["resources"]!.AsArray().Select(r => r!.AsObject()).Where(r => (string?)r["type"] == type);

    public JsonObject Resource(string type) => Assert.Single(Resources(type));
}

public class BicepTests(CompiledTemplate compiled) : IClassFixture<CompiledTemplate>
{
    [Fact]
    public void Bicep_build_succeeds_without_warnings()
    {
        Assert.True(compiled.ExitCode == 0, compiled.StdErr);
        Assert.Equal("", compiled.StdErr.Trim());
        Assert.NotNull(compiled.Template);
    }

    [Fact]
    public void Bicep_lint_reports_nothing()
    {
        var (exit, stdout, stderr) = Repository.Run(Repository.Bicep, "lint", CompiledTemplate.MainBicep);
        Assert.True(exit == 0, stdout + stderr);
        Assert.Equal("", (stdout + stderr).Trim());
    }

    [Fact]
    public void Storage_is_key_less_private_and_tls12()
    {
        var properties = compiled.Resource("Microsoft.Storage/storageAccounts")["properties"]!;
        Assert.False((bool)properties["allowSharedKeyAccess"]!);
        Assert.False((bool)properties["allowBlobPublicAccess"]!);
        Assert.Equal("TLS1_2", (string?)properties["minimumTlsVersion"]);
        Assert.Equal("StorageV2", (string?)compiled.Resource("Microsoft.Storage/storageAccounts")["kind"]);
    }

    [Fact]
    public void The_three_pipeline_containers_exist()
    {
        var containers = compiled.Resource("Microsoft.Storage/storageAccounts/blobServices/containers");
        Assert.NotNull(containers["copy"]);
        var variables = compiled.Template!["variables"]!;
        Assert.Equal(["mmm-input", "mmm-output", "mmm-work"],
            new[] { "inputContainer", "outputContainer", "workContainer" }.Select(v => (string?)variables[v]));
        Assert.Equal(["[variables('inputContainer')]", "[variables('outputContainer')]", "[variables('workContainer')]"],
            variables["containerNames"]!.AsArray().Select(n => (string?)n));
    }

    [Theory]
    [InlineData("b7e6dc6d-f1e8-4753-8033-0f276bb0955b")] // Storage Blob Data Owner
    [InlineData("974c5e8b-45b9-4653-ba55-5f855dd0fb88")] // Storage Queue Data Contributor
    [InlineData("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3")] // Storage Table Data Contributor
    public void The_app_identity_gets_each_storage_data_role(string roleId)
    {
        var storageRoles = compiled.Template!["variables"]!["storageRoles"]!.AsArray().Select(r => (string?)r).ToList();
        var roleIds = compiled.Template!["variables"]!["roleIds"]!.AsObject();
        Assert.Contains(roleIds, p => (string?)p.Value == roleId);
        var name = roleIds.Single(p => (string?)p.Value == roleId).Key;
        Assert.Contains($"[variables('roleIds').{name}]", storageRoles);

        var assignment = compiled.Resources("Microsoft.Authorization/roleAssignments").Single(r => r["copy"] is not null);
        Assert.Contains("storageRoles", assignment["copy"]!.ToJsonString());
        Assert.Contains("Microsoft.Storage/storageAccounts", (string?)assignment["scope"]);
        Assert.Contains("Microsoft.App/containerApps", assignment["properties"]!["principalId"]!.ToString());
        Assert.Equal("ServicePrincipal", (string?)assignment["properties"]!["principalType"]);
    }

    [Fact]
    public void The_environment_has_consumption_and_a_serverless_gpu_profile()
    {
        var environment = compiled.Resource("Microsoft.App/managedEnvironments");
        Assert.Equal("2025-01-01", (string?)environment["apiVersion"]);
        var profiles = environment["properties"]!["workloadProfiles"]!.AsArray();
        Assert.Contains(profiles, p => (string?)p!["workloadProfileType"] == "Consumption");
        Assert.Contains(profiles, p => (string?)p!["workloadProfileType"] == "[parameters('gpuProfileType')]");
        var allowed = compiled.Template!["parameters"]!["gpuProfileType"]!["allowedValues"]!.AsArray().Select(v => (string?)v);
        Assert.Equal(["Consumption-GPU-NC8as-T4", "Consumption-GPU-NC24-A100"], allowed);
    }

    [Fact]
    public void The_function_app_is_a_functionapp_container_app_on_the_gpu_profile()
    {
        var app = compiled.Resource("Microsoft.App/containerApps");
        Assert.Equal("functionapp", (string?)app["kind"]);
        Assert.Contains("SystemAssigned", app["identity"]!.ToJsonString());
        var properties = app["properties"]!;
        Assert.Equal("[variables('gpuProfileName')]", (string?)properties["workloadProfileName"]);
        Assert.Equal(0, (int)properties["template"]!["scale"]!["minReplicas"]!);
        var container = properties["template"]!["containers"]![0]!;
        Assert.Contains("gpuReplicaResources", container["resources"]!.ToString());

        var env = container["env"]!.AsArray().ToDictionary(e => (string)e!["name"]!, e => e!["value"]!.ToString());
        Assert.Equal("dotnet-isolated", env["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.Equal("managedidentity", env["AzureWebJobsStorage__credential"]);
        Assert.Contains("primaryEndpoints.blob", env["AzureWebJobsStorage__blobServiceUri"]);
        Assert.Contains("primaryEndpoints.queue", env["AzureWebJobsStorage__queueServiceUri"]);
        Assert.Contains("primaryEndpoints.table", env["AzureWebJobsStorage__tableServiceUri"]);
        Assert.Equal("[parameters('taskHubName')]", env["TASKHUB_NAME"]);
        // The containers the app reads (its blob trigger's path is %MMM_INPUT_CONTAINER%/{name}) are the ones created here.
        Assert.Equal("[variables('inputContainer')]", env["MMM_INPUT_CONTAINER"]);
        Assert.Equal("[variables('outputContainer')]", env["MMM_OUTPUT_CONTAINER"]);
        Assert.Equal("[variables('workContainer')]", env["MMM_WORK_CONTAINER"]);
        Assert.Contains("ConnectionString", env["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
        Assert.DoesNotContain("AzureWebJobsStorage", env.Keys); // never a connection string in Azure
        Assert.DoesNotContain("AccountKey", compiled.Json);
    }

    [Fact]
    public void Blob_created_events_in_mmm_input_go_to_the_blob_starter_webhook()
    {
        var topic = compiled.Resource("Microsoft.EventGrid/systemTopics");
        Assert.Equal("Microsoft.Storage.StorageAccounts", (string?)topic["properties"]!["topicType"]);

        var subscription = Subscription("BlobStarter");
        Assert.Equal("[not(empty(parameters('blobsExtensionKey')))]", (string?)subscription["condition"]);
        var filter = subscription["properties"]!["filter"]!;
        Assert.Equal("[format('/blobServices/default/containers/{0}/', variables('inputContainer'))]", (string?)filter["subjectBeginsWith"]);
        Assert.Equal(["Microsoft.Storage.BlobCreated"], filter["includedEventTypes"]!.AsArray().Select(t => (string?)t));
        var endpoint = subscription["properties"]!["destination"]!["properties"]!["endpointUrl"]!.ToString();
        Assert.Contains("/runtime/webhooks/blobs?functionName=Host.Functions.BlobStarter", endpoint);
        Assert.Equal("securestring", (string?)compiled.Template!["parameters"]!["blobsExtensionKey"]!["type"]);
    }

    [Fact]
    public void Plan_requests_in_mmm_output_go_to_the_plan_request_starter_webhook()
    {
        var subscription = Subscription("PlanRequestStarter");
        Assert.Equal("[not(empty(parameters('blobsExtensionKey')))]", (string?)subscription["condition"]);
        var filter = subscription["properties"]!["filter"]!;
        Assert.Equal("[format('/blobServices/default/containers/{0}/', variables('outputContainer'))]", (string?)filter["subjectBeginsWith"]);
        Assert.Equal(".json", (string?)filter["subjectEndsWith"]);
        var contains = Assert.Single(filter["advancedFilters"]!.AsArray())!;
        Assert.Equal("StringContains", (string?)contains["operatorType"]);
        Assert.Equal("subject", (string?)contains["key"]);
        Assert.Equal(["/plans/"], contains["values"]!.AsArray().Select(v => (string?)v));
        Assert.Equal(2, compiled.Resources("Microsoft.EventGrid/systemTopics/eventSubscriptions").Count());
    }

    private JsonObject Subscription(string function) => Assert.Single(compiled.Resources("Microsoft.EventGrid/systemTopics/eventSubscriptions"),
        s => s["properties"]!["destination"]!["properties"]!["endpointUrl"]!.ToString().Contains($"functionName=Host.Functions.{function}&"));

    [Fact]
    public void Outputs_name_the_storage_account_and_the_app_fqdn()
    {
        var outputs = compiled.Template!["outputs"]!.AsObject();
        Assert.True(outputs.ContainsKey("storageAccountName"));
        Assert.True(outputs.ContainsKey("appFqdn"));
        Assert.Contains("ingress.fqdn", outputs["appFqdn"]!["value"]!.ToString());
    }

    [Fact]
    public void Parameters_are_the_documented_ones()
    {
        var parameters = compiled.Template!["parameters"]!.AsObject().Select(p => p.Key).ToHashSet();
        Assert.Superset(new HashSet<string> { "location", "gpuProfileType", "namePrefix", "image", "taskHubName" }, parameters);
    }
}
