using Parquet.Schema;

namespace Mmm.Science.Data;

/// <summary>
/// Gives each column of the file its role: name rules of docs/contract.md, replaced role by role by the
/// run config's overrides. A column claimed by two roles, a missing role column, or a role column of a
/// type the role does not accept is rejected.
/// </summary>
internal static class ColumnRoleResolver
{
    internal const string MediaPrefix = "media_", ImpressionsPrefix = "impressions_", SpendPrefix = "spend_";
    private static readonly string[] MediaPrefixes = [MediaPrefix, ImpressionsPrefix, SpendPrefix];
    private const string ControlPrefix = "control_";

    public static ResolvedColumns Resolve(ParquetSchema schema, ColumnRoles roles, string source)
    {
        if (schema.Fields.GroupBy(f => f.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new PanelInputException(ErrorCodes.AmbiguousRole, source,
                $"the file has two columns named '{twice.Key}'", column: twice.Key);
        var fields = schema.Fields.ToDictionary(f => f.Name, StringComparer.Ordinal);
        var names = schema.Fields.Select(f => f.Name).ToList();
        var claims = new Dictionary<string, string>(StringComparer.Ordinal);

        var date = roles.Date is { } d ? Named(d, "date") : Required("date", "no date column: expected a column named 'date'");
        Claim(date, "date");
        var region = roles.Region is { } r ? Named(r, "region") : names.Contains("region") ? "region" : null;
        if (region is not null) Claim(region, "region");
        var kpi = roles.Kpi is { } k ? Named(k, "kpi") : KpiByName();
        Claim(kpi, "KPI");

        var media = roles.Media?.Select(m => Named(m, "media")).ToList()
            ?? names.Where(n => MediaPrefixes.Any(p => n.StartsWith(p, StringComparison.Ordinal))).ToList();
        if (media.Count == 0)
            throw new PanelInputException(ErrorCodes.MissingColumn, source, roles.Media is null
                ? "no media channel: expected at least one column starting with media_, impressions_ or spend_"
                : "no media channel: the run config key 'media' is an empty list");
        foreach (var m in media) Claim(m, "media");

        var controls = roles.Controls?.Select(c => Named(c, "controls")).ToList()
            ?? names.Where(n => n.StartsWith(ControlPrefix, StringComparison.Ordinal)).ToList();
        foreach (var c in controls) Claim(c, "control");

        return new ResolvedColumns(
            Date: Typed(date, "date", ColumnTypes.IsDate, "DATE, TIMESTAMP or STRING yyyy-MM-dd"),
            Region: region is null ? null : Typed(region, "region", f => ColumnTypes.IsString(f) || ColumnTypes.IsInteger(f), "STRING or integer"),
            Kpi: Typed(kpi, "KPI", ColumnTypes.IsNumber, "numeric"),
            Media: media.Select(m => Typed(m, "media", ColumnTypes.IsNumber, "numeric")).ToList(),
            Controls: controls.Select(c => Typed(c, "control", f => ColumnTypes.IsNumber(f) || ColumnTypes.IsBoolean(f), "numeric or BOOLEAN")).ToList(),
            Ignored: names.Where(n => !claims.ContainsKey(n)).ToList());

        string Named(string column, string configKey) => fields.ContainsKey(column)
            ? column
            : throw new PanelInputException(ErrorCodes.MissingColumn, source,
                $"the run config names column '{column}' for '{configKey}', but the file has no such column", column: column);

        string Required(string column, string detail) => fields.ContainsKey(column)
            ? column
            : throw new PanelInputException(ErrorCodes.MissingColumn, source, detail, column: column);

        string KpiByName()
        {
            var targets = names.Where(n => n.StartsWith("target", StringComparison.Ordinal)).ToList();
            if (fields.ContainsKey("kpi"))
                return targets.Count == 0 ? "kpi" : throw new PanelInputException(ErrorCodes.AmbiguousRole, source,
                    $"the KPI is ambiguous: the file has both 'kpi' and {string.Join(", ", targets.Select(t => $"'{t}'"))} (a column starting with 'target' is a KPI too); name the KPI in the run config key 'kpi'",
                    column: targets[0]);
            return targets.Count switch
            {
                1 => targets[0],
                0 => throw new PanelInputException(ErrorCodes.MissingColumn, source,
                    "no KPI column: expected a column named 'kpi' or exactly one column starting with 'target'"),
                _ => throw new PanelInputException(ErrorCodes.AmbiguousRole, source,
                    $"the KPI is ambiguous: columns {string.Join(", ", targets.Select(t => $"'{t}'"))} all start with 'target' and there is no 'kpi' column; name one in the run config key 'kpi'",
                    column: targets[1]),
            };
        }

        void Claim(string column, string role)
        {
            if (claims.TryGetValue(column, out var prior) && prior != role)
                throw new PanelInputException(ErrorCodes.AmbiguousRole, source,
                    $"column '{column}' is claimed by two roles: {prior} and {role}", column: column);
            claims[column] = role;
        }

        DataField Typed(string column, string role, Func<DataField, bool> accepts, string wanted)
        {
            if (fields[column] is DataField { IsArray: false } field && accepts(field)) return field;
            var actual = fields[column] is DataField f ? ColumnTypes.Describe(f) + (f.IsArray ? " list" : "") : fields[column].SchemaType.ToString();
            throw new PanelInputException(ErrorCodes.InvalidType, source,
                $"{role} column '{column}' has type {actual}; a {role} column must be {wanted}", column: column);
        }
    }
}
