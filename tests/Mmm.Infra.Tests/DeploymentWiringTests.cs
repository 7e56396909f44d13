using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Mmm.Infra.Tests;

/// <summary>
/// The deployment files fit together: each image publishes the Functions app where the Functions host looks for
/// it and runs it as non-root, the build context holds what that publish needs and no build output, the settings
/// host.json names are set wherever the app runs, and only the cuda backend brings the CUDA natives.
/// </summary>
public partial class DeploymentWiringTests(CompiledTemplate compiled) : IClassFixture<CompiledTemplate>
{
    private const string FunctionsProject = "functions/Mmm.Functions/Mmm.Functions.csproj";

    public static TheoryData<string, string> Images => new()
    {
        { "infra/docker/Dockerfile.cpu", "cpu" },
        { "infra/docker/Dockerfile.gpu", "cuda" },
    };

    /// <summary>A Dockerfile's instructions (comments dropped, continuation lines joined), by stage.</summary>
    private static List<List<string>> Stages(string path)
    {
        var joined = Regex.Replace(Repository.Read(path), @"\\\r?\n", " ");
        var stages = new List<List<string>>();
        foreach (var line in joined.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            if (line.StartsWith("FROM ", StringComparison.OrdinalIgnoreCase)) stages.Add([]);
            if (stages.Count > 0) stages[^1].Add(line);
        }
        return stages;
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Each_image_publishes_the_functions_app_where_the_functions_host_runs_it_as_non_root(string path, string backend)
    {
        var stages = Stages(path);
        Assert.True(stages.Count >= 2, "multi-stage: the SDK stays out of the runtime image");
        var runtime = stages[^1];

        // The publish: the Functions project, the image's backend, into a folder.
        var publish = stages.SelectMany(s => s).Single(l => l.Contains("dotnet publish", StringComparison.Ordinal));
        var published = PublishCommand().Match(publish);
        Assert.True(published.Success, publish);
        Assert.Equal(FunctionsProject, published.Groups["project"].Value);
        Assert.True(File.Exists(Repository.PathOf(FunctionsProject)));
        Assert.Equal(backend, published.Groups["backend"].Value);
        var publishFolder = published.Groups["out"].Value;

        // The runtime stage copies that folder from the build stage and points the Functions host at it.
        Assert.Contains(runtime, l => l.StartsWith("COPY --from=", StringComparison.Ordinal) && l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..].Contains(publishFolder));
        var env = string.Join(' ', runtime.Where(l => l.StartsWith("ENV ", StringComparison.Ordinal)));
        Assert.Contains($"AzureWebJobsScriptRoot={publishFolder}", env);
        Assert.Contains("FUNCTIONS_WORKER_RUNTIME=dotnet-isolated", env);

        // The last USER of the runtime stage is neither root nor uid 0.
        var user = runtime.LastOrDefault(l => l.StartsWith("USER ", StringComparison.Ordinal));
        Assert.NotNull(user);
        var who = user["USER ".Length..].Split(':')[0].Trim();
        Assert.NotEqual("root", who);
        Assert.NotEqual("0", who);
    }

    [Fact]
    public void The_build_context_holds_the_sources_the_publish_needs_and_no_build_output()
    {
        var ignore = Repository.Read(".dockerignore").Split('\n').Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#')).Select(DockerignorePattern).ToList();
        bool Ignored(string relative) => ignore.Any(p => p.IsMatch(relative));

        // What the Functions app's publish reads: its project and the projects it references, the build
        // props and targets, the shared host.json it links in. Every tracked file of those is in the context.
        string[] needed = [.. ProjectFolders(FunctionsProject), "build",
            "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "host.json"];
        Assert.Contains("core/Mmm.Science", needed);
        var files = TrackedFiles(needed);
        Assert.NotEmpty(files);
        Assert.All(files, f => Assert.False(Ignored(f), $"{f} is needed by the publish but .dockerignore leaves it out"));

        // Build outputs, local state and the tests are not.
        foreach (var path in new[] { "core/Mmm.Science/bin/Release/net10.0/Mmm.Science.dll", "functions/Mmm.Functions/obj/project.assets.json",
                     "node_modules/azurite/package.json", ".azurite/__azurite_db_blob__.json", "functions/Mmm.Functions/local.settings.json",
                     "tests/data/deepcausalmmm-panel.parquet", "out/demo/summary.json" })
            Assert.True(Ignored(path), $"{path} should stay out of the image's build context");
    }

    [Fact]
    public void Every_setting_host_json_names_is_set_in_azure_and_in_the_local_sample()
    {
        var host = Repository.Read("host.json");
        var named = SettingReference().Matches(host).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.NotEmpty(named); // the task hub at least

        var app = compiled.Resource("Microsoft.App/containerApps");
        var azure = app["properties"]!["template"]!["containers"]![0]!["env"]!.AsArray().Select(e => (string)e!["name"]!).ToHashSet();
        var local = JsonNode.Parse(Repository.Read("local.settings.sample.json"))!["Values"]!.AsObject();
        foreach (var setting in named)
        {
            Assert.Contains(setting, azure);
            Assert.False(string.IsNullOrEmpty((string?)local[setting]), $"local.settings.sample.json sets no {setting}");
        }
    }

    [Fact]
    public void The_local_sample_runs_the_isolated_app_on_development_storage_as_azure_runs_it()
    {
        var sample = JsonNode.Parse(Repository.Read("local.settings.sample.json"))!;
        Assert.False((bool)sample["IsEncrypted"]!);
        var values = sample["Values"]!;
        Assert.Equal("UseDevelopmentStorage=true", (string?)values["AzureWebJobsStorage"]);

        var app = compiled.Resource("Microsoft.App/containerApps");
        var env = app["properties"]!["template"]!["containers"]![0]!["env"]!.AsArray()
            .ToDictionary(e => (string)e!["name"]!, e => e!["value"]?.ToString());
        Assert.Equal(env["FUNCTIONS_WORKER_RUNTIME"], (string?)values["FUNCTIONS_WORKER_RUNTIME"]);
    }

    [Fact]
    public void Only_the_cuda_backend_brings_the_cuda_natives_and_an_unknown_backend_fails()
    {
        var cpu = PackageReferences();
        var cuda = PackageReferences("-p:MmmTorchBackend=cuda");
        Assert.DoesNotContain("TorchSharp-cuda-linux", cpu);
        Assert.Contains("TorchSharp-cuda-linux", cuda);
        Assert.Equal(cpu.Order(), cuda.Where(p => p != "TorchSharp-cuda-linux" && !p.StartsWith("libtorch-cpu", StringComparison.Ordinal)).Order());

        var (exit, output) = DotnetMsbuild(FunctionsProject, "-t:CollectPackageReferences", "-p:MmmTorchBackend=rocm", "-nologo");
        Assert.NotEqual(0, exit);
        Assert.Contains("MmmTorchBackend must be cpu or cuda", output);
    }

    [Fact]
    public void Every_project_is_in_the_solution_ci_builds()
    {
        var solution = Repository.Read("Pipeline.sln").Replace('\\', '/');
        var projects = new[] { "core", "functions", "tests" }
            .SelectMany(d => Directory.GetFiles(Repository.PathOf(d), "*.csproj", SearchOption.AllDirectories))
            .Select(p => Path.GetRelativePath(Repository.Root, p).Replace('\\', '/'))
            .Where(p => !p.Split('/').Any(s => s is "bin" or "obj"))
            .ToList();
        Assert.Contains(FunctionsProject, projects);
        Assert.All(projects, p => Assert.Contains($"\"{p}\"", solution));
    }

    /// <summary>The folders of a project and of every project it references, directly or not.</summary>
    private static List<string> ProjectFolders(string project)
    {
        var folders = new List<string>();
        var pending = new Queue<string>([project]);
        while (pending.TryDequeue(out var next))
        {
            var folder = Path.GetDirectoryName(next)!.Replace('\\', '/');
            if (folders.Contains(folder)) continue;
            folders.Add(folder);
            foreach (Match reference in ProjectReference().Matches(Repository.Read(next)))
            {
                var full = Path.GetFullPath(Path.Combine(Repository.PathOf(folder), reference.Groups[1].Value.Replace('\\', '/')));
                pending.Enqueue(Path.GetRelativePath(Repository.Root, full).Replace('\\', '/'));
            }
        }
        return folders;
    }

    /// <summary>The package ids the Functions project references after evaluation with these properties.</summary>
    private static List<string> PackageReferences(params string[] properties)
    {
        var (exit, output) = DotnetMsbuild(FunctionsProject, ["-getItem:PackageReference", .. properties]);
        Assert.True(exit == 0, output);
        var items = JsonNode.Parse(output)!["Items"]!["PackageReference"]!.AsArray();
        return items.Select(i => (string)i!["Identity"]!).ToList();
    }

    private static (int ExitCode, string Output) DotnetMsbuild(string project, params string[] arguments)
    {
        var (exit, stdout, stderr) = Repository.Run("dotnet", ["msbuild", project, .. arguments]);
        return (exit, stdout + stderr);
    }

    private static List<string> TrackedFiles(string[] paths)
    {
        var (exit, stdout, stderr) = Repository.Run("git", ["ls-files", "--", .. paths]);
        Assert.True(exit == 0, stderr);
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
    }

    /// <summary>
    /// A .dockerignore line as a regex over paths relative to the context: <c>**/</c> any folders, <c>*</c> within
    /// one name, a trailing <c>/</c> a folder and everything in it.
    /// </summary>
    private static Regex DockerignorePattern(string line)
    {
        var pattern = line.TrimStart('/');
        bool folder = pattern.EndsWith('/');
        pattern = pattern.TrimEnd('/');
        var regex = Regex.Escape(pattern).Replace(@"\*\*/", "(?:.*/)?").Replace(@"\*", "[^/]*").Replace(@"\?", "[^/]");
        return new Regex("^" + regex + (folder ? "/" : "(?:/|$)"));
    }

    [GeneratedRegex(@"dotnet publish (?<project>\S+\.csproj)\b.*-p:MmmTorchBackend=(?<backend>\w+).*-o (?<out>\S+)")]
    private static partial Regex PublishCommand();

    [GeneratedRegex(@"<ProjectReference Include=""([^""]+)""")]
    private static partial Regex ProjectReference();

    [GeneratedRegex(@"%([A-Za-z0-9_]+)%")]
    private static partial Regex SettingReference();
}
