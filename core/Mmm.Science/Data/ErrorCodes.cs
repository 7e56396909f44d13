namespace Mmm.Science.Data;

/// <summary>
/// Every code of error.json (docs/contract.md): the input codes of <see cref="PanelInputException.Code"/> and
/// the codes of a run that fails after its input was accepted.
/// </summary>
public static class ErrorCodes
{
    public const string NotParquet = "not_parquet";
    public const string MissingColumn = "missing_column";
    public const string AmbiguousRole = "ambiguous_role";
    /// <summary>A role column has a Parquet type the role does not accept (e.g. a DOUBLE date).</summary>
    public const string InvalidType = "invalid_type";
    public const string DuplicateRow = "duplicate_row";
    public const string UnevenSpacing = "uneven_spacing";
    public const string Gap = "gap";
    public const string InvalidValue = "invalid_value";
    public const string NegativeMedia = "negative_media";
    public const string ConstantChannel = "constant_channel";
    /// <summary>A control column does not vary over the training weeks.</summary>
    public const string ConstantControl = "constant_control";
    public const string TooShort = "too_short";
    public const string TooLarge = "too_large";
    public const string BadConfig = "bad_config";
    public const string UnknownConfigKey = "unknown_config_key";

    /// <summary>The input blob no longer has the ETag its run started from (overwritten or deleted before the run read it).</summary>
    public const string InputChanged = "input_changed";
    /// <summary>Validating the input failed for a reason that is not the input's (the activity failed after its retries).</summary>
    public const string ValidationFailed = "validation_failed";
    /// <summary>The loss went non-finite; the message names the epoch, the term and the setting to lower.</summary>
    public const string TrainingDiverged = "training_diverged";
    /// <summary>Anything else that failed in training.</summary>
    public const string TrainingFailed = "training_failed";
    /// <summary>A plan request that is not valid JSON of the documented shape, or a value out of range (a negative budget, an
    /// unknown objective, a channel the model does not know).</summary>
    public const string BadPlan = "bad_plan";
    /// <summary>A plan request whose bounds exclude its budget (or that plans no channel with a spend basis).</summary>
    public const string PlanInfeasible = "plan_infeasible";
    /// <summary>No usable saved model: model.json missing (a reference-architecture run, a run that did not finish), unreadable, or of
    /// another format version.</summary>
    public const string NoSavedModel = "no_saved_model";
    /// <summary>The planner failed for a reason that is not the request's (storage, a bug): the message says which step.</summary>
    public const string PlanFailed = "plan_failed";
}
