using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Ralliement.Organisers;

/// <summary>Identity's password refusals, in the page's language.</summary>
public static class PasswordErrors
{
    public static string Describe(HttpContext context, IdentityError error) => error.Code switch
    {
        nameof(IdentityErrorDescriber.PasswordTooShort) => context.Text("PasswordTooShort"),
        nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars) => context.Text("PasswordTooSimple"),
        CommonPasswords.ErrorCode => context.Text("PasswordCommon"),
        nameof(IdentityErrorDescriber.InvalidToken) => context.Text("SetUpLinkInvalid"),
        _ => context.Text("PasswordRefused"),
    };

    /// <summary>A text of the organisers' area in the request's language.</summary>
    public static string Text(this HttpContext context, string key, params object[] arguments) =>
        context.RequestServices.GetRequiredService<IStringLocalizer<OrganiserText>>()[key, arguments];
}
