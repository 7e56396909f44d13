namespace Mmm.Science.Data;

/// <summary>The values of <see cref="PanelInputException.Code"/>.</summary>
public static class PanelErrorCodes
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
}
