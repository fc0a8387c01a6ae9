using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ralliement.Campaigns;
using Ralliement.Confirmation;
using Ralliement.Data;
using Ralliement.Mail;
using Ralliement.Shared;

namespace Ralliement.Signing;

/// <summary>
/// Takes a signature from the form. Whatever the address's history, the signer sees the same
/// answer ("check your inbox"); only the email differs: a confirmation link for a new or pending
/// signature, a reminder with the withdrawal link for one already confirmed.
/// </summary>
public sealed class SignCampaign(RalliementDb db, Outbox outbox, SignerMail mail, TimeProvider clock, IOptions<SigningOptions> options)
{
    public sealed record Result(IReadOnlyList<FieldError> Errors)
    {
        public bool Accepted => Errors.Count == 0;
    }

    public async Task<Result> HandleAsync(ReadCampaign.View campaign, SignerDetails.Form form, PublicLinks links, CancellationToken cancellationToken)
    {
        if (!campaign.AcceptsSignatures)
        {
            return new Result([new FieldError("", "CampaignClosed")]);
        }
        var details = SignerDetails.Validate(form, campaign, out var errors);
        if (details is null)
        {
            return new Result(errors);
        }
        try
        {
            await AddAsync(campaign, details, links, cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            // Someone signed with the same address between our read and our write: treat it as a repeat.
            db.ChangeTracker.Clear();
            await AddAsync(campaign, details, links, cancellationToken);
        }
        outbox.Notify();
        return new Result([]);
    }

    private async Task AddAsync(ReadCampaign.View campaign, SignerDetails details, PublicLinks links, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var existing = await db.Signatures
            .Where(s => s.CampaignId == campaign.Id && s.EmailKey == details.Email.Key)
            .FirstOrDefaultAsync(cancellationToken);
        if (existing is null)
        {
            var signature = NewSignature(campaign.Id, details, now);
            db.Signatures.Add(signature);
            var token = NewToken(signature, now);
            mail.AddConfirmation(db, campaign, details.Email.Address, details.FirstName, links, token);
        }
        else if (existing.LastMailAt is null || now - existing.LastMailAt >= options.Value.RepeatMailInterval)
        {
            // A repeat, perhaps by someone else typing this address: never change what was signed,
            // only write to the inbox, and not more often than the interval allows.
            existing.LastMailAt = now;
            var token = NewToken(existing, now);
            if (existing.State == SignatureState.Confirmed)
            {
                mail.AddAlreadySigned(db, campaign, existing.Email!, links, token);
            }
            else
            {
                mail.AddConfirmation(db, campaign, existing.Email!, existing.FirstName!, links, token);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private static Signature NewSignature(int campaignId, SignerDetails details, DateTime now)
    {
        var signature = new Signature
        {
            CampaignId = campaignId,
            State = SignatureState.Pending,
            Language = Languages.Current,
            FirstName = details.FirstName,
            LastName = details.LastName,
            Email = details.Email.Address,
            EmailKey = details.Email.Key,
            Institution = details.Institution,
            ProfessionalStatus = details.ProfessionalStatus,
            Discipline = details.Discipline,
            SearchText = SignerText.SearchForm($"{details.FirstName} {details.LastName} {details.Institution}"),
            ShowPublicly = details.ShowPublicly,
            AcceptsNews = details.AcceptsNews,
            CreatedAt = now,
            LastMailAt = now,
        };
        signature.Commitments.AddRange(details.Commitments.Select(id => new SignatureCommitment { CommitmentId = id }));
        return signature;
    }

    private string NewToken(Signature signature, DateTime now)
    {
        var (token, hash) = SignerTokens.Create();
        db.ConfirmationTokens.Add(new ConfirmationToken
        {
            Signature = signature,
            Hash = hash,
            ExpiresAt = now + options.Value.ConfirmationLifetime,
            // A reminder to a confirmed signer carries only a withdrawal link: nothing left to confirm.
            UsedAt = signature.State == SignatureState.Confirmed ? now : null,
        });
        return token;
    }
}

public sealed class SigningOptions
{
    /// <summary>How long a confirmation link works.</summary>
    public TimeSpan ConfirmationLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long a signature never confirmed is kept after its last link expired.</summary>
    public TimeSpan UnconfirmedRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Shortest time between two emails about one signature, so the form cannot flood an inbox.</summary>
    public TimeSpan RepeatMailInterval { get; set; } = TimeSpan.FromMinutes(5);
}
