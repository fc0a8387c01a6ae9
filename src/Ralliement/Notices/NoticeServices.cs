namespace Ralliement.Notices;

public static class NoticeServices
{
    /// <summary>Each organisation's legal and privacy notices.</summary>
    public static void AddNotices(this WebApplicationBuilder builder) =>
        builder.Services.AddScoped<ReadOrganisationNotice>();
}
