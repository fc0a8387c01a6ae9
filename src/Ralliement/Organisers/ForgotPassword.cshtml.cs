using Microsoft.AspNetCore.RateLimiting;
using Ralliement.AntiAbuse;

namespace Ralliement.Organisers;

[EnableRateLimiting(RateLimits.LinksPolicy)]
public sealed class ForgotPasswordModel(RequestPasswordReset requestReset, IConfiguration configuration) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] string lang)
    {
        if (Email is { Length: > 0 and <= 254 })
        {
            await requestReset.HandleAsync(Email.Trim(), lang, PublicLinks.For(Request, configuration));
        }
        Sent = true;
        return Page();
    }
}
