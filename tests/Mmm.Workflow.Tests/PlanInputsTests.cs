using Mmm.Workflow.Orchestration;

namespace Mmm.Workflow.Tests;

public class PlanInputsTests
{
    private const string Output = "http://127.0.0.1:10000/devstoreaccount1/mmm-output";
    private static readonly string RunId = InstanceIds.For("mmm-input", "sales.parquet", "\"0x1\"");

    [Fact]
    public void A_request_is_a_json_in_the_plans_folder_of_a_run_of_its_dataset()
    {
        Assert.True(PlanInputs.IsRequest($"sales/{RunId}/plans/q1.json"));
        Assert.False(PlanInputs.IsRequest($"sales/{RunId}/plans/plan-q1-0123456789ab/plan.json"), "a plan's own files are not requests");
        Assert.False(PlanInputs.IsRequest($"sales/{RunId}/summary.json"));
        Assert.False(PlanInputs.IsRequest($"other/{RunId}/plans/q1.json"), "the folder must be the run's dataset");
        Assert.False(PlanInputs.IsRequest("sales/not-a-run/plans/q1.json"));
        Assert.False(PlanInputs.IsRequest($"sales/{RunId}/plans/.json"));
        Assert.False(PlanInputs.IsRequest($"sales/{RunId}/plans/q1.parquet"));
    }

    [Fact]
    public void The_plan_is_written_beside_the_run_in_a_folder_named_by_its_id()
    {
        var blob = PlanInputs.RequestBlobName(RunId, "q1");
        Assert.Equal($"sales/{RunId}/plans/q1.json", blob);
        var (id, input) = PlanInputs.For(Output, blob, "0x8DC1");
        Assert.Matches("^plan-q1-[0-9a-f]{12}$", id);
        Assert.Equal("q1", input.Name);
        Assert.Equal($"{Output}/sales/{RunId}", input.RunPrefix);
        Assert.Equal($"{Output}/sales/{RunId}/plans/{id}", input.OutputPrefix);
        Assert.Equal($"{Output}/{blob}", input.RequestUri);
        Assert.Equal("\"0x8DC1\"", input.RequestEtag);
        // Same version, same plan; a new version of the request is a new plan in a new folder.
        Assert.Equal(id, PlanInputs.For(Output, blob, "\"0x8DC1\"").InstanceId);
        Assert.NotEqual(id, PlanInputs.For(Output, blob, "0x8DC2").InstanceId);
        Assert.Throws<ArgumentException>(() => PlanInputs.For(Output, $"sales/{RunId}/summary.json", "0x1"));
        Assert.Throws<ArgumentException>(() => PlanInputs.RequestBlobName("plan-q1-0123456789ab", "q1"));
    }

    [Theory]
    [InlineData("q1", "q1")]
    [InlineData("Q1_2027.json", "Q1_2027")]
    [InlineData("a.b-c", "a.b-c")]
    public void Plan_names_follow_the_rule(string name, string stem)
    {
        Assert.True(PlanNames.TryName(name, out var got, out _));
        Assert.Equal(stem, got);
    }

    [Theory]
    [InlineData("")]
    [InlineData(".hidden")]
    [InlineData("a/b")]
    [InlineData("with space")]
    public void Bad_plan_names_are_refused_naming_the_value_and_the_rule(string name)
    {
        Assert.False(PlanNames.TryName(name, out _, out var error));
        Assert.Contains($"'{name}'", error);
        Assert.Contains(PlanNames.Rule, error);
        Assert.False(PlanNames.TryName(new string('a', PlanNames.MaxLength + 1), out _, out _));
    }
}
