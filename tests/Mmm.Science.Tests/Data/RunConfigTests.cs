using Mmm.Science.Data;
using Mmm.Science.Options;

namespace Mmm.Science.Tests.Data;

public class RunConfigTests
{
    [Fact]
    public void An_empty_object_gives_the_product_defaults()
    {
        var config = RunConfig.Parse("{}", "run.json");

        Assert.Equal(new MmmOptions(), config.Options);
        Assert.Equal(ColumnRoles.None, config.Roles);
    }

    [Fact]
    public void Settings_and_roles_are_read_by_their_camelCase_names()
    {
        var config = RunConfig.Parse("""
            { "date": "week", "region": "dma", "kpi": "sales", "media": ["tv", "radio"], "controls": [],
              "dagMode": "triangular", "epochs": 10, "hidden": 32, "seed": 3, "holdoutRatio": 0.2,
              "burnInWeeks": 4, "mediaContributionPrior": 0.3 }
            """, "run.json");

        Assert.Equal(("week", "dma", "sales"), (config.Roles.Date, config.Roles.Region, config.Roles.Kpi));
        Assert.Equal(["tv", "radio"], config.Roles.Media!);
        Assert.Empty(config.Roles.Controls!);
        var o = config.Options;
        Assert.Equal((DagMode.Triangular, 10, 32, 3, 0.2, 4, 0.3), (o.DagMode, o.Epochs, o.Hidden, o.Seed, o.HoldoutRatio, o.BurnInWeeks, o.MediaContributionPrior));
        Assert.Equal(new MmmOptions().LearningRate, o.LearningRate);
    }

    [Fact]
    public void ReferenceCompat_starts_from_the_reference_preset_and_applies_the_other_keys()
    {
        var config = RunConfig.Parse("""{ "epochs": 5, "referenceCompat": true, "trend": "damped" }""", "run.json");

        Assert.Equal(MmmOptions.Reference with { Epochs = 5, Trend = TrendMode.Damped }, config.Options);
    }

    [Fact]
    public void ReferenceCompat_false_keeps_the_product_defaults()
    {
        var config = RunConfig.Parse("""{ "referenceCompat": false }""", "run.json");

        Assert.Equal(new MmmOptions(), config.Options);
    }

    [Fact]
    public void An_unknown_key_is_an_error_naming_the_key()
    {
        var error = Assert.Throws<PanelInputException>(() => RunConfig.Parse("""{ "epochs": 3, "learningrate": 0.1 }""", "run.json"));

        Assert.Equal(ErrorCodes.UnknownConfigKey, error.Code);
        Assert.Equal("run.json", error.File);
        Assert.Contains("'learningrate'", error.Message);
    }

    [Fact]
    public void A_derived_property_is_not_a_config_key()
    {
        var error = Assert.Throws<PanelInputException>(() => RunConfig.Parse("""{ "controlHidden": 3 }""", "run.json"));

        Assert.Equal(ErrorCodes.UnknownConfigKey, error.Code);
    }

    [Theory]
    [InlineData("""{ "epochs": "ten" }""", "epochs")]
    [InlineData("""{ "epochs": 10.5 }""", "epochs")]
    [InlineData("""{ "dagMode": 1 }""", "dagMode")]
    [InlineData("""{ "earlyStopping": "yes" }""", "earlyStopping")]
    [InlineData("""{ "seed": null }""", "seed")]
    [InlineData("""{ "referenceCompat": 1 }""", "referenceCompat")]
    [InlineData("""{ "kpi": 5 }""", "kpi")]
    [InlineData("""{ "media": "tv" }""", "media")]
    [InlineData("""{ "media": ["tv", "tv"] }""", "media")]
    public void A_value_of_the_wrong_type_is_bad_config_naming_the_key(string json, string key)
    {
        var error = Assert.Throws<PanelInputException>(() => RunConfig.Parse(json, "run.json"));

        Assert.Equal(ErrorCodes.BadConfig, error.Code);
        Assert.Contains($"'{key}'", error.Message);
    }

    [Theory]
    [InlineData("""{ "epochs": -1 }""", "epochs")]
    [InlineData("""{ "hidden": 1 }""", "hidden")]
    [InlineData("""{ "holdoutRatio": 1 }""", "holdoutRatio")]
    [InlineData("""{ "holdoutRatio": -0.1 }""", "holdoutRatio")]
    [InlineData("""{ "dagMode": "dense" }""", "dagMode")]
    [InlineData("""{ "dualSchedule": "fast" }""", "dualSchedule")]
    [InlineData("""{ "mediaScaling": "minmax" }""", "mediaScaling")]
    [InlineData("""{ "controlScaling": "none" }""", "controlScaling")]
    [InlineData("""{ "seasonality": "fourier" }""", "seasonality")]
    [InlineData("""{ "trend": "linear" }""", "trend")]
    [InlineData("""{ "seasonality": "reference" }""", "seasonality")]
    [InlineData("""{ "architecture": "structural", "referenceCompat": true }""", "architecture")]
    [InlineData("""{ "burnIn": "skip" }""", "burnIn")]
    [InlineData("""{ "burnInWeeks": -2 }""", "burnInWeeks")]
    public void A_value_that_would_break_training_is_bad_config(string json, string key)
    {
        var error = Assert.Throws<PanelInputException>(() => RunConfig.Parse(json, "run.json"));

        Assert.Equal(ErrorCodes.BadConfig, error.Code);
        Assert.Equal(key, error.Column);
        Assert.StartsWith($"run.json: run config key '{key}' must be", error.Message);
    }

    [Theory]
    [InlineData("""{ "architecture": "Modulated" }""", "architecture", "modulated, structural, reference", "Modulated")]
    [InlineData("""{ "mediaScaling": "minmax" }""", "mediaScaling", "shareOfVoice, perChannelMean, perChannelRegionMean", "minmax")]
    [InlineData("""{ "stabilizationMethod": "1" }""", "stabilizationMethod", "exponential, linear, sigmoid", "1")]
    [InlineData("""{ "referenceCompat": true, "burnIn": "skip" }""", "burnIn", "pad, warm", "skip")]
    public void A_choice_outside_its_values_names_the_key_and_the_allowed_values(string json, string key, string allowed, string given)
    {
        var error = Assert.Throws<PanelInputException>(() => RunConfig.Parse(json, "run.json"));

        Assert.Equal((ErrorCodes.BadConfig, key), (error.Code, error.Column));
        Assert.Equal($"run.json: run config key '{key}' must be one of {allowed} (got '{given}')", error.Message);
    }

    [Fact]
    public void Choices_are_written_back_as_their_run_config_strings()
    {
        var config = RunConfig.Parse("""{ "architecture": "structural", "mediaScaling": "shareOfVoice", "dualSchedule": "standard" }""", "run.json");
        var json = System.Text.Json.Nodes.JsonNode.Parse(config.ToJson())!;

        Assert.Equal(("structural", "shareOfVoice", "standard", "notears", "calendar", "damped", "warm", "exponential", "robust"),
            (json["architecture"]!.GetValue<string>(), json["mediaScaling"]!.GetValue<string>(), json["dualSchedule"]!.GetValue<string>(),
             json["dagMode"]!.GetValue<string>(), json["seasonality"]!.GetValue<string>(), json["trend"]!.GetValue<string>(),
             json["burnIn"]!.GetValue<string>(), json["stabilizationMethod"]!.GetValue<string>(), json["controlScaling"]!.GetValue<string>()));
        Assert.Equal(config.Options, RunConfig.Parse(config.ToJson(), "again.json").Options);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    [InlineData("""{ "epochs": 1, "epochs": 2 }""")]
    public void Text_that_is_not_one_json_object_is_bad_config(string json)
    {
        var error = Assert.Throws<PanelInputException>(() => RunConfig.Parse(json, "run.json"));

        Assert.Equal(ErrorCodes.BadConfig, error.Code);
    }

    [Fact]
    public void Cost_per_unit_is_read_and_written_back()
    {
        var config = RunConfig.Parse("""{ "costPerUnit": { "impressions_tv": 0.004, "media_grps": 1500 }, "epochs": 3 }""", "run.json");

        Assert.Equal(new Dictionary<string, double> { ["impressions_tv"] = 0.004, ["media_grps"] = 1500 }, config.CostPerUnit);
        Assert.Equal(3, config.Options.Epochs);
        var again = RunConfig.Parse(config.ToJson(), "summary.json");
        Assert.Equal(config.CostPerUnit, again.CostPerUnit);
        Assert.Empty(RunConfig.Parse("{}", "run.json").CostPerUnit);
        Assert.DoesNotContain("costPerUnit", RunConfig.Default.ToJson());
    }

    [Theory]
    [InlineData("""{ "costPerUnit": { "impressions_tv": 0 } }""", "the cost 0;")]
    [InlineData("""{ "costPerUnit": { "impressions_tv": -0.5 } }""", "the cost -0.5;")]
    [InlineData("""{ "costPerUnit": { "impressions_tv": 1e999 } }""", "a finite number > 0")]
    [InlineData("""{ "costPerUnit": { "impressions_tv": "0.004" } }""", "a finite number > 0")]
    [InlineData("""{ "costPerUnit": { "impressions_tv": null } }""", "the cost null;")]
    [InlineData("""{ "costPerUnit": [0.004] }""", "must be an object of channel name -> cost per unit")]
    [InlineData("""{ "costPerUnit": 0.004 }""", "must be an object of channel name -> cost per unit")]
    public void A_cost_per_unit_that_is_not_a_finite_positive_number_is_bad_config(string json, string expected)
    {
        var error = Assert.Throws<PanelInputException>(() => RunConfig.Parse(json, "run.json"));

        Assert.Equal(ErrorCodes.BadConfig, error.Code);
        Assert.Equal("costPerUnit", error.Column);
        Assert.Contains(expected, error.Message);
        Assert.StartsWith("run.json: run config key 'costPerUnit'", error.Message);
    }

    [Fact]
    public void ToJson_is_flat_and_parses_back_to_the_same_config()
    {
        var config = RunConfig.Parse("""{ "kpi": "sales", "media": ["tv"], "referenceCompat": true, "epochs": 9 }""", "run.json");

        var json = config.ToJson();
        var again = RunConfig.Parse(json, "summary.json");

        Assert.Equal(config.Options, again.Options);
        Assert.Equal(json, again.ToJson());
        Assert.Contains("\"kpi\": \"sales\"", json);
        Assert.Contains("\"epochs\": 9", json);
        Assert.Contains("\"mediaScaling\": \"shareOfVoice\"", json);
        Assert.DoesNotContain("\"date\"", json);
        Assert.DoesNotContain("controlHidden", json);
    }

    [Fact]
    public void Default_is_the_product_defaults_with_no_overrides()
    {
        Assert.Equal(new MmmOptions(), RunConfig.Default.Options);
        Assert.Equal(ColumnRoles.None, RunConfig.Default.Roles);
    }
}
