using Microsoft.AspNetCore.Identity;

namespace Ralliement.Organisers;

/// <summary>Identity's password refusals, as keys of <see cref="OrganiserText"/>.</summary>
public static class PasswordErrors
{
    public static string Key(IdentityError error) => error.Code switch
    {
        nameof(IdentityErrorDescriber.PasswordTooShort) => "PasswordTooShort",
        nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars) => "PasswordTooSimple",
        CommonPasswords.ErrorCode => "PasswordCommon",
        nameof(IdentityErrorDescriber.InvalidToken) => "SetUpLinkInvalid",
        _ => "PasswordRefused",
    };
}
