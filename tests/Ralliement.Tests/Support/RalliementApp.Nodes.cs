namespace Ralliement.Tests.Support;

public partial class RalliementApp
{
    /// <summary>
    /// Makes this app one node of several on one PostgreSQL database (with the same privacy keys, as
    /// nodes must have). On SQLite it keeps its own database: tests of several nodes run on PostgreSQL only.
    /// </summary>
    public RalliementApp NodeOf(string database)
    {
        if (TestDatabase.IsPostgres)
        {
            Settings["Database:Provider"] = "Postgres";
            Settings["ConnectionStrings:Ralliement"] = TestDatabase.ConnectionString(database);
            foreach (var (key, value) in TestDatabase.PrivacySettings)
            {
                Settings[key] = value;
            }
        }
        return this;
    }
}
