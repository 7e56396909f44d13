using Parquet.Schema;

namespace Mmm.Science.Data;

/// <summary>The file's columns by role, after name rules and config overrides; media and controls in file order (or config order).</summary>
internal sealed record ResolvedColumns(
    DataField Date,
    DataField? Region,
    DataField Kpi,
    IReadOnlyList<DataField> Media,
    IReadOnlyList<DataField> Controls,
    IReadOnlyList<string> Ignored);
