namespace Ralliement.Tests.Support;

/// <summary>
/// A test that needs PostgreSQL (several app nodes on one database). The test command runs the
/// suite a second time on a real PostgreSQL, where these run; in the SQLite pass they are reported
/// as skipped with this reason, never silently passed.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (!TestDatabase.IsPostgres)
        {
            Skip = "Needs PostgreSQL: runs in the test command's PostgreSQL pass (RALLIEMENT_TEST_POSTGRES).";
        }
    }
}
