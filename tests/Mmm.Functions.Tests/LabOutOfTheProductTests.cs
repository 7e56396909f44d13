using System.Reflection;
using System.Text.Json;
using Mmm.Functions.Tests.Support;

namespace Mmm.Functions.Tests;

/// <summary>
/// The lab (core/Mmm.Lab: synthetic panels, the recovery suite, the bench) is for the <c>mmm</c> CLI and the tests:
/// the Functions app and the Workflow library, and the Mmm assemblies they reference, do not reference it, so the
/// Functions image does not contain it; and the science library keeps no lab code of its own.
/// </summary>
public class LabOutOfTheProductTests
{
    private const string Lab = "Mmm.Lab";

    [Theory]
    [InlineData("Mmm.Functions")]
    [InlineData("Mmm.Workflow")]
    public void A_product_assembly_and_its_Mmm_references_do_not_reference_the_lab(string product)
    {
        var closure = MmmReferenceClosure(Assembly.Load(product));

        Assert.Contains("Mmm.Science", closure.Keys);
        foreach (var (name, references) in closure)
            Assert.False(references.Contains(Lab), $"{name} references {Lab}");
        Assert.DoesNotContain(Lab, closure.Keys);
    }

    [Fact]
    public void The_functions_apps_dependency_manifest_does_not_list_the_lab()
    {
        // What `dotnet publish` copies: a project reference the compiler drops as unused still ships, and is listed here.
        var manifest = Path.Combine(Path.GetDirectoryName(Repository.FunctionsMetadata)!, "Mmm.Functions.deps.json");
        using var deps = JsonDocument.Parse(File.ReadAllText(manifest));

        var libraries = deps.RootElement.GetProperty("libraries").EnumerateObject().Select(l => l.Name.Split('/')[0]).ToList();
        Assert.Contains("Mmm.Science", libraries);
        Assert.DoesNotContain(Lab, libraries);
    }

    [Theory]
    [InlineData("Mmm.Science")]
    [InlineData("Mmm.Workflow")]
    [InlineData("Mmm.Functions")]
    public void A_product_assembly_has_no_type_in_a_lab_namespace(string product)
    {
        var labTypes = Assembly.Load(product).GetTypes()
            .Where(t => t.Namespace is { } ns && (ns == Lab || ns.StartsWith(Lab + ".", StringComparison.Ordinal)))
            .Select(t => t.FullName)
            .ToList();

        Assert.Empty(labTypes);
    }

    /// <summary>Each Mmm assembly reachable from <paramref name="root"/> by references, with the names it references.</summary>
    private static Dictionary<string, HashSet<string>> MmmReferenceClosure(Assembly root)
    {
        var closure = new Dictionary<string, HashSet<string>>();
        var pending = new Queue<Assembly>([root]);
        while (pending.TryDequeue(out var assembly))
        {
            var name = assembly.GetName().Name!;
            if (closure.ContainsKey(name)) continue;
            var references = assembly.GetReferencedAssemblies().Select(r => r.Name!).ToHashSet();
            closure[name] = references;
            foreach (var reference in assembly.GetReferencedAssemblies().Where(r => r.Name!.StartsWith("Mmm.", StringComparison.Ordinal)))
                pending.Enqueue(Assembly.Load(reference));
        }
        return closure;
    }
}
