using System.Globalization;
using Mmm.Lab.Recovery;
using Mmm.Lab.Synthetic;

namespace Mmm.Lab.Tests.Recovery;

/// <summary>
/// The suite's first ten scenarios and the default spec, pinned to what the generator gave before unobserved
/// controls, logistic curves, the holdout spend raise and embedded lift tests existed (values captured from
/// that code): new options must not shift the random streams or the truth of existing panels. Relative
/// tolerance 1e-12, so only a last-ulp difference of another platform's libm passes, not a changed draw.
/// </summary>
public class ExistingScenariosUnchangedTests
{
    [Theory]
    [InlineData("small-next-to-large", 0, 79112.25170229975, 312, 53677.484542530685, 27359877.495582346, 54119793.074825175, 6311.359999999997,
        "0.48/2.935/0.959 0.411/1.641/1.499 0.227/2.532/0.613 0.584/1.295/1.258 0.157/2.1/0.747")]
    [InlineData("one-region-short", 0, 10381.307989275521, 40, 12126.781864373788, 1007902.8219596378, 3280000.0000000005, 815.0400000000003,
        "0.254/2.297/1.312 0.402/2.775/0.97 0.548/1.196/0.488")]
    [InlineData("one-region-long", 0, 12358.97091019192, 100, 15386.561685608578, 2522566.707092119, 4800000.000000003, 2020.5800000000002,
        "0.662/2.278/1.173 0.115/2.522/0.929 0.514/1.833/0.554 0.303/1.004/1.399")]
    [InlineData("funnel", 0, 17969.798595479202, 325, 52731.27768666655, 25389616.09348303, 49293195.92918376, 6576.530000000005,
        "0.535/1.885/0.784 0.382/2.452/0.538 0.112/1.356/1.407 0.689/2.735/0.954")]
    [InlineData("confounded-demand", 0, 42367.08845158436, 325, 73277.93230299927, 24031087.93851602, 50143078.61761787, 66255.63,
        "0.174/2.2/1.435 0.514/2.55/0.984 0.597/1.787/0.683 0.261/1.451/0.459")]
    [InlineData("seasonal-spend", 0, 15190.059038337124, 312, 68164.97517001504, 24456588.919760264, 62208863.056603864, 6300.709999999997,
        "0.163/1.973/0.48 0.598/2.225/1.39 0.27/1.391/0.887 0.493/2.853/0.961")]
    [InlineData("high-noise", 0, 21894.789767655246, 312, 53700.60762355696, 24343536.894747566, 55735309.286013894, 6218.779999999999,
        "0.381/2.242/1.028 0.6/1.992/1.271 0.135/2.674/0.811 0.549/1.493/0.521")]
    [InlineData("low-noise-long", 0, 19384.00841815219, 400, 40179.29128959106, 32804667.337874793, 79754952.63667175, 8064.7200000000075,
        "0.591/2.128/1.46 0.125/1.384/0.644 0.551/1.692/0.973 0.403/2.592/0.405 0.268/2.783/1.231")]
    [InlineData("ragged", 0, 34603.536440861215, 416, 11339.10032366059, 25085051.258303225, 88839461.03058065, 7759.970000000006,
        "0.611/1.628/1.219 0.131/2.623/0.625 0.33/1.24/0.804 0.46/2.319/1.447")]
    [InlineData("short-many-channels", 0, 42865.0214873786, 240, 18372.8655337304, 18701584.31746693, 52823281.94046757, 46035.19000000003,
        "0.615/1.414/1.325 0.38/1.211/0.44 0.111/1.81/1.239 0.597/2.176/0.798 0.42/2.554/0.608 0.201/2.854/1.024")]
    public void An_existing_scenario_gives_the_same_shapes_and_panel_as_before(string name, int cellA, double kpiA, int cellB, double kpiB,
        double kpiSum, double mediaSum, double controlSum, string shapes)
    {
        var scenario = RecoverySuite.Synthetic.Single(s => s.Name == name);
        Assert.Equal(shapes, string.Join(" ", scenario.Spec.Channels.Select(c =>
            string.Create(CultureInfo.InvariantCulture, $"{c.AdstockDecay}/{c.HillSlope}/{c.HillHalfSaturation}"))));

        var panel = scenario.Load().Panel;
        AssertClose(kpiA, panel.Kpi[cellA]);
        AssertClose(kpiB, panel.Kpi[cellB]);
        AssertClose(kpiSum, panel.Kpi.Sum());
        AssertClose(mediaSum, panel.Media.Sum());
        AssertClose(controlSum, panel.ControlValues.Sum());
        Assert.Empty(panel.LiftTests);
    }

    [Fact]
    public void The_default_spec_gives_the_same_panel_as_before()
    {
        var panel = SyntheticPanelGenerator.Generate(new SyntheticPanelSpec { RaggedRegions = 2 }).Panel;
        AssertClose(40261433.95193163, panel.Kpi.Sum());
        AssertClose(107806742.48603237, panel.Media.Sum());
        AssertClose(10053.179999999988, panel.ControlValues.Sum());
        AssertClose(16206.257475306367, panel.Kpi[777]);
    }

    private static void AssertClose(double expected, double actual) =>
        Assert.True(Math.Abs(actual - expected) <= 1e-12 * Math.Abs(expected), $"expected {expected:R}, got {actual:R}");
}
