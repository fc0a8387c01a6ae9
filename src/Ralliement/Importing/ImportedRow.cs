namespace Ralliement.Importing;

/// <summary>
/// One line of an imported file once read and checked: the values as they will be stored, or the
/// problems that keep it out. Kept as JSON in <see cref="Data.SignatureImport.RowsJson"/>, so that what
/// is imported is exactly what the preview showed.
/// </summary>
public sealed class ImportedRow
{
    /// <summary>The line of the file where the row starts, the header being line 1.</summary>
    public int Line { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    /// <summary>Sealed (<see cref="Privacy.AddressProtection"/>) before the rows are stored for the preview.</summary>
    public string? Email { get; set; }
    /// <summary>The de-duplication key: <see cref="EmailAddress.Key"/> when read, its keyed hash once stored.</summary>
    public string? EmailKey { get; set; }
    public string? EmailDomain { get; set; }
    public string? Institution { get; set; }
    public string? ProfessionalStatus { get; set; }
    public string? Discipline { get; set; }
    public string? City { get; set; }
    public string? Country { get; set; }
    public string? Language { get; set; }
    public bool ShowPublicly { get; set; }
    public bool AcceptsNews { get; set; }
    /// <summary>The custom fields' values, by field id.</summary>
    public Dictionary<int, string> Fields { get; set; } = [];
    public List<RowError> Errors { get; set; } = [];

    public bool IsValid => Errors.Count == 0;
}

/// <summary>A problem in one cell: the column as named in the file's header, a resource key and its argument.</summary>
public sealed record RowError(string Column, string Key, int? Limit = null)
{
    public static RowError From(FormError error, string column) =>
        new(column, error.Key, error.Arguments.Length > 0 && error.Arguments[0] is int limit ? limit : null);
}
