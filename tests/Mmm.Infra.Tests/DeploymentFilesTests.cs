using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Mmm.Infra.Tests;

/// <summary>The container images, the host configuration and the Functions project file.</summary>
public class DeploymentFilesTests
{
    [Theory]
    [InlineData("infra/docker/Dockerfile.cpu", "cpu")]
    [InlineData("infra/docker/Dockerfile.gpu", "cuda")]
    public void Dockerfiles_are_multi_stage_publish_the_functions_app_and_run_as_non_root(string path, string backend)
    {
        var lines = Repository.Read(path).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();

        var stages = lines.Where(l => l.StartsWith("FROM ", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(stages.Count >= 2, "multi-stage: at least a build and a runtime stage");
        Assert.Contains(lines, l => l.StartsWith("COPY --from=build", StringComparison.Ordinal));

        var text = string.Join('\n', lines);
        Assert.Contains("dotnet publish functions/Mmm.Functions/Mmm.Functions.csproj", text);
        Assert.DoesNotContain("BuildAzureFunctions", text); // the app builds with the default build now
        Assert.Contains($"-p:MmmTorchBackend={backend}", text);
        Assert.Contains("AzureWebJobsScriptRoot=/home/site/wwwroot", text);
        Assert.Contains("mcr.microsoft.com/azure-functions/dotnet-isolated:4-dotnet-isolated10.0", text);

        // The last USER of the final stage is neither root nor uid 0.
        int runtimeStage = lines.IndexOf(stages[^1]);
        var user = lines.Skip(runtimeStage).LastOrDefault(l => l.StartsWith("USER ", StringComparison.Ordinal));
        Assert.NotNull(user);
        var who = user["USER ".Length..].Split(':')[0].Trim();
        Assert.NotEqual("root", who);
        Assert.NotEqual("0", who);
    }

    [Fact]
    public void Dockerignore_keeps_build_outputs_and_local_state_out_of_the_context()
    {
        var entries = Repository.Read(".dockerignore").Split('\n').Select(l => l.Trim()).ToHashSet();
        Assert.Contains("**/bin/", entries);
        Assert.Contains("**/obj/", entries);
        Assert.Contains("**/node_modules/", entries);
        Assert.Contains(".azurite/", entries);
        Assert.Contains("tests/", entries);
    }

    [Fact]
    public void Host_json_sets_the_task_hub_from_settings_and_the_poison_blob_threshold()
    {
        var host = JsonNode.Parse(Repository.Read("host.json"))!;
        Assert.Equal("2.0", (string?)host["version"]);
        Assert.Equal("%TASKHUB_NAME%", (string?)host["extensions"]!["durableTask"]!["hubName"]);
        Assert.True((int)host["extensions"]!["blobs"]!["poisonBlobThreshold"]! > 0);
        Assert.Equal(1, (int)host["extensions"]!["durableTask"]!["maxConcurrentActivityFunctions"]!);
    }

    [Fact]
    public void Local_settings_sample_is_a_dotnet_isolated_development_configuration()
    {
        var settings = JsonNode.Parse(Repository.Read("local.settings.sample.json"))!;
        Assert.False((bool)settings["IsEncrypted"]!);
        var values = settings["Values"]!;
        Assert.Equal("UseDevelopmentStorage=true", (string?)values["AzureWebJobsStorage"]);
        Assert.Equal("dotnet-isolated", (string?)values["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.False(string.IsNullOrEmpty((string?)values["TASKHUB_NAME"]));
    }

    [Fact]
    public void The_functions_project_is_in_the_solution_and_only_the_cuda_backend_is_a_switch()
    {
        Assert.Contains(@"functions\Mmm.Functions\Mmm.Functions.csproj", Repository.Read("Pipeline.sln"));
        Assert.Contains(@"tests\Mmm.Functions.Tests\Mmm.Functions.Tests.csproj", Repository.Read("Pipeline.sln"));
        var project = Repository.Read("functions/Mmm.Functions/Mmm.Functions.csproj");
        Assert.Contains("<AzureFunctionsVersion>v4</AzureFunctionsVersion>", project);
        Assert.Contains("<OutputType>Exe</OutputType>", project);
        Assert.DoesNotContain("BuildAzureFunctions", project);
        var packages = Repository.Read("Directory.Packages.props");
        Assert.DoesNotContain("BuildAzureFunctions", packages);
        var cuda = packages[packages.IndexOf("'$(MmmTorchBackend)' == 'cuda'", StringComparison.Ordinal)..];
        Assert.Contains("\"TorchSharp-cuda-linux\"", cuda);
        Assert.DoesNotContain("\"TorchSharp-cuda-linux\"", packages[..^cuda.Length]);
        foreach (var (id, version) in new[] { ("Microsoft.Azure.Functions.Worker", "2.52.0"), ("Microsoft.Azure.Functions.Worker.Sdk", "2.1.0"),
                     ("Microsoft.Azure.Functions.Worker.Extensions.DurableTask", "1.21.1"), ("Microsoft.Azure.Functions.Worker.Extensions.Storage.Blobs", "6.8.2"),
                     ("Microsoft.Azure.Functions.Worker.Extensions.Http.AspNetCore", "2.1.1"), ("Microsoft.DurableTask.Worker.Grpc", "1.28.0") })
            Assert.Contains($"<PackageVersion Include=\"{id}\" Version=\"{version}\" />", packages[..^cuda.Length]);
    }

    [Fact]
    public void Each_activity_is_a_function_named_after_it()
    {
        var sources = Directory.GetFiles(Repository.PathOf("functions/Mmm.Functions"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .Select(File.ReadAllText);
        foreach (var activity in new[] { "ValidateAndScale", "WarmStart", "TrainOuterIteration", "WriteOutputFiles", "CommitOutputs", "WriteFailure" })
        {
            var declaration = new Regex($@"\[Function\(ActivityNames\.{activity}\)\]\s*public Task<[^>]+> {activity}\(\[ActivityTrigger\]");
            Assert.Single(sources, s => declaration.IsMatch(s));
        }
    }
}
