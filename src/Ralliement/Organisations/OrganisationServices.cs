namespace Ralliement.Organisations;

public static class OrganisationServices
{
    /// <summary>An organisation's members, invitations, settings and deletion.</summary>
    public static void AddOrganisations(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<InviteMember>();
        builder.Services.AddScoped<AcceptInvitation>();
        builder.Services.AddScoped<ChangeMembers>();
        builder.Services.AddScoped<UpdateOrganisationSettings>();
        builder.Services.AddScoped<DeleteOrganisation>();
        builder.Services.AddScoped<ReadMembers>();
    }
}
