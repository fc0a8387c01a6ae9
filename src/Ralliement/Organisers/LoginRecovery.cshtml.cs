using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Ralliement.AntiAbuse;
using SignInResult = Microsoft.AspNetCore.Identity.SignInResult;

namespace Ralliement.Organisers;

/// <summary>
/// The second step of signing in with one of the recovery codes shown when two-factor
/// authentication was turned on, for an organiser without their phone. Each code works once.
/// </summary>
[EnableRateLimiting(RateLimits.LinksPolicy)]
public sealed class LoginRecoveryModel(SignInManager<Organiser> signIn) : LoginSecondStepModel(signIn)
{
    protected override async Task<SignInResult?> SignInAsync(SignInManager<Organiser> signInManager, string typed)
    {
        var code = typed.Replace(" ", "", StringComparison.Ordinal).Trim();
        return code.Length is > 0 and <= 20 ? await signInManager.TwoFactorRecoveryCodeSignInAsync(code) : null;
    }
}
