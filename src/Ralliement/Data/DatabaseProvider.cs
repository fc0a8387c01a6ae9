namespace Ralliement.Data;

/// <summary>The database Ralliement runs on, from <c>Database:Provider</c>.</summary>
public enum DatabaseProvider
{
    /// <summary>Embedded, one file in the data directory: the default, for one machine.</summary>
    Sqlite,

    /// <summary>For production and for several app nodes sharing one database.</summary>
    Postgres,
}
