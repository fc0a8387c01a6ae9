using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Ralliement.AntiAbuse;
using SignInResult = Microsoft.AspNetCore.Identity.SignInResult;

namespace Ralliement.Organisers;

/// <summary>The second step of signing in with the six-digit code of the organiser's authenticator app.</summary>
[EnableRateLimiting(RateLimits.LinksPolicy)]
public sealed class LoginTwoFactorModel(SignInManager<Organiser> signIn) : LoginSecondStepModel(signIn)
{
    protected override async Task<SignInResult?> SignInAsync(SignInManager<Organiser> signInManager, string typed)
    {
        // Authenticator apps show "123 456"; people type it as they read it.
        var code = new string(typed.Where(char.IsAsciiDigit).ToArray());
        return code.Length == 6
            ? await signInManager.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false)
            : null;
    }
}
