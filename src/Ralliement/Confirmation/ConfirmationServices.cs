namespace Ralliement.Confirmation;

public static class ConfirmationServices
{
    public static void AddConfirmation(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ConfirmSignature>();
        builder.Services.AddScoped<WithdrawSignature>();
    }
}
