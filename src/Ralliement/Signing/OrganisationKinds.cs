namespace Ralliement.Signing;

/// <summary>
/// The kinds an organisation signing as such can choose. Stored as these codes, which never change,
/// and shown translated (resource <c>OrganisationKind_{code}</c>), so renaming a label rewrites no row.
/// </summary>
public static class OrganisationKinds
{
    public static readonly IReadOnlyList<string> All = ["association", "union", "company", "public-body", "collective", "other"];

    public static bool IsKnown(string? code) => code is not null && All.Contains(code, StringComparer.Ordinal);

    /// <summary>The resource key of a kind's label; an unknown code (from an import, say) shows as "other".</summary>
    public static string LabelKey(string? code) => "OrganisationKind_" + (IsKnown(code) ? code : "other");
}
