using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Ralliement.Mail;

namespace Ralliement.Organisers;

/// <summary>
/// Sends a link to choose a new password to an organiser who forgot theirs. The page answers the
/// same whatever happens, so it does not tell which addresses have an account.
/// </summary>
public sealed class RequestPasswordReset(
    RalliementDb db, UserManager<Organiser> users, Outbox outbox, TimeProvider clock, IStringLocalizer<AccountText> text)
{
    /// <summary>One email per account per this interval, so the form cannot be used to flood an inbox.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    // Kept in Identity's own token table (AspNetUserTokens), beside the authenticator key:
    // a stamp per account without a new column, found by the account and nothing else.
    private const string StampProvider = "Ralliement";
    private const string StampName = "PasswordResetEmailAt";

    /// <returns>Whether an email was queued; the page shows the same answer either way.</returns>
    public async Task<bool> HandleAsync(string email, string language, PublicLinks links)
    {
        if (!EmailAddress.TryParse(email, out var parsed) || parsed is null)
        {
            return false;
        }
        var organiser = await users.FindByEmailAsync(parsed.Address);
        // An unconfirmed account has never chosen a password: its owner uses the set-up link or an invitation.
        if (organiser is null || !organiser.EmailConfirmed)
        {
            return false;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var last = await users.GetAuthenticationTokenAsync(organiser, StampProvider, StampName);
        if (DateTime.TryParse(last, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var lastAt) && now - lastAt < Interval)
        {
            return false;
        }
        var token = await users.GeneratePasswordResetTokenAsync(organiser);
        var link = links.SetUp(language, organiser.Id, token);
        // The stamp and the email are saved together by Identity's SaveChanges on the same context.
        outbox.Add(db, organiser.Email!, text["ResetEmailSubject"], text["ResetEmailBody", link], OutboxPriority.Organiser);
        await users.SetAuthenticationTokenAsync(organiser, StampProvider, StampName, now.ToString("O", CultureInfo.InvariantCulture));
        outbox.Notify();
        return true;
    }
}
