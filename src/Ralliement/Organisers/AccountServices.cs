using Ralliement.Organisations;

namespace Ralliement.Organisers;

public static class AccountServices
{
    /// <summary>Organisers' own accounts (password, two-factor, reset) and the members, settings and deletion of organisations.</summary>
    public static void AddAccounts(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ReadOrganiserHome>();
        builder.Services.AddScoped<RequestPasswordReset>();
        builder.Services.AddScoped<InviteMember>();
        builder.Services.AddScoped<AcceptInvitation>();
        builder.Services.AddScoped<ReadMembers>();
        builder.Services.AddScoped<ChangeMembers>();
        builder.Services.AddScoped<UpdateOrganisationSettings>();
        builder.Services.AddScoped<DeleteOrganisation>();
    }
}
