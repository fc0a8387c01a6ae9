using System.Globalization;
using Microsoft.Extensions.Options;
using Ralliement.Privacy;

namespace Ralliement.Signing;

/// <summary>
/// Writes a batch of validated signatures in one unit of work, so one commit (one fsync) covers
/// them all: new signatures with their token and confirmation email, and for an address that had
/// already signed, only an email — a reminder with the withdrawal link if it is confirmed, a fresh
/// link if it is pending — never more often than <c>Signing:RepeatMailInterval</c>. Items are
/// taken in order, so two posts of one address in a batch are one signature and a repeat, as if
/// they had come one after the other. Each valid proof of work is spent here too, under a unique
/// key in the same commit: a proof already spent (on this node or another) counts as no proof.
/// </summary>
public sealed class WriteSignatureBatch(RalliementDb db, SignerMail mail, AddressProtection addresses, TimeProvider clock, IOptions<SigningOptions> options)
{
    public async Task HandleAsync(IReadOnlyList<PendingSignature> batch)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var keys = batch.Select(i => addresses.Key(i.Details.Email)).ToList();
        var known = await ExistingAsync(batch, keys);
        var proofs = await SpendProofsAsync(batch);
        var created = new List<Signature>();
        var createdTokens = new List<ConfirmationToken>();
        for (var i = 0; i < batch.Count; i++)
        {
            var item = batch[i];
            // The emails are written in the language the signer used; outside a request, that is
            // whatever this flow's culture says, so it is set for each item.
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(item.Language);
            var key = (item.Campaign.Id, keys[i]);
            if (!known.TryGetValue(key, out var existing))
            {
                var signature = NewSignature(item, keys[i], now);
                created.Add(signature);
                known[key] = signature;
                var token = NewToken(signature, now, createdTokens);
                mail.AddConfirmation(db, item.Campaign, item.Details.Email.Address, item.Details.FirstName, item.Links, token, item.Details.OrganisationName);
            }
            else if (existing.LastMailAt is null || now - existing.LastMailAt >= options.Value.RepeatMailInterval)
            {
                // A repeat, perhaps by someone else typing this address: never change what was signed,
                // only write to the inbox, and not more often than the interval allows. The address typed
                // now is the one written to: once confirmed, only its hash is kept, and both are one mailbox.
                existing.LastMailAt = now;
                var token = NewToken(existing, now, existing.Id == 0 ? createdTokens : null);
                switch (existing.State)
                {
                    case SignatureState.Confirmed:
                        mail.AddAlreadySigned(db, item.Campaign, item.Details.Email.Address, item.Links, token);
                        break;
                    case SignatureState.Held or SignatureState.Rejected:
                        // Confirmed by email, then waiting for or refused by a moderator: the inbox
                        // learns that the address has signed, nothing about the moderators' decision.
                        mail.AddAlreadyRecorded(db, item.Campaign, item.Details.Email.Address, item.Links, token);
                        break;
                    default:
                        mail.AddConfirmation(db, item.Campaign, item.Details.Email.Address, existing.FirstName!, item.Links, token, existing.OrganisationName);
                        break;
                }
            }
        }
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        await InsertCreatedAsync(created, createdTokens);
        await db.InsertAsync(proofs);
        await db.InsertAsync(TakeEmails());
        // The rest (repeats' reminders and their tokens) is a few rows in a usual batch.
        await db.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
    }

    /// <summary>The batch's emails, taken from EF's tracking (where <see cref="SignerMail"/> puts them) to be inserted in one statement.</summary>
    private List<OutboxMessage> TakeEmails()
    {
        var added = db.ChangeTracker.Entries<OutboxMessage>().Where(e => e.State == EntityState.Added).ToList();
        added.ForEach(e => e.State = EntityState.Detached);
        return added.Select(e => e.Entity).ToList();
    }

    /// <summary>New signatures and their rows, in a few multi-row statements (see <see cref="InsertRows"/>).</summary>
    private async Task InsertCreatedAsync(List<Signature> created, List<ConfirmationToken> tokens)
    {
        // (CampaignId, EmailKey) is unique, and new signatures always have a key.
        await db.InsertWithKeysAsync(created, nameof(Signature.CampaignId), nameof(Signature.EmailKey));
        foreach (var signature in created)
        {
            signature.Commitments.ForEach(c => c.SignatureId = signature.Id);
            signature.FieldValues.ForEach(v => v.SignatureId = signature.Id);
        }
        tokens.ForEach(t => t.SignatureId = t.Signature.Id);
        await db.InsertAsync(created.SelectMany(s => s.Commitments).ToList());
        await db.InsertAsync(created.SelectMany(s => s.FieldValues).ToList());
        await db.InsertAsync(tokens);
    }

    /// <summary>
    /// Records each valid proof as spent; one found spent already (a replay, here or through another
    /// node) makes its signature unproven. Two nodes spending one proof at once both insert it, and
    /// the unique key makes the second commit fail: the writer reads again, and it is found spent.
    /// </summary>
    /// <returns>The proofs to record as spent.</returns>
    private async Task<List<SpentProof>> SpendProofsAsync(IReadOnlyList<PendingSignature> batch)
    {
        var records = new List<SpentProof>();
        var ids = batch.Where(i => i.Proof is not null).Select(i => i.Proof!.Id).Distinct().ToList();
        if (ids.Count == 0)
        {
            return records;
        }
        var spent = (await db.SpentProofs.Where(p => ids.Contains(p.Id)).Select(p => p.Id).ToListAsync(CancellationToken.None)).ToHashSet();
        foreach (var item in batch)
        {
            if (item.Proof is not { } proof)
            {
                continue;
            }
            if (spent.Add(proof.Id))
            {
                records.Add(new SpentProof { Id = proof.Id, ExpiresAt = proof.ExpiresAt });
            }
            else
            {
                item.Hold ??= item.HoldIfUnproven;
            }
        }
        return records;
    }

    /// <summary>The signatures already stored for the batch's addresses: one indexed query per campaign.</summary>
    private async Task<Dictionary<(int, string), Signature>> ExistingAsync(IReadOnlyList<PendingSignature> batch, List<string> emailKeys)
    {
        var known = new Dictionary<(int, string), Signature>();
        foreach (var campaign in batch.Select((item, i) => (item.Campaign.Id, Key: emailKeys[i])).GroupBy(i => i.Id))
        {
            var keys = campaign.Select(i => i.Key).Distinct().ToList();
            var rows = await db.Signatures
                .Where(s => s.CampaignId == campaign.Key && keys.Contains(s.EmailKey!))
                .ToListAsync(CancellationToken.None);
            foreach (var row in rows)
            {
                known[(row.CampaignId, row.EmailKey!)] = row;
            }
        }
        return known;
    }

    private Signature NewSignature(PendingSignature item, string emailKey, DateTime now)
    {
        var details = item.Details;
        var signature = new Signature
        {
            CampaignId = item.Campaign.Id,
            State = SignatureState.Pending,
            Language = item.Language,
            FirstName = details.FirstName,
            LastName = details.LastName,
            // Sealed until the signer confirms; then only the hash stays, unless they accept news.
            SealedEmail = addresses.Seal(details.Email.Address),
            EmailKey = emailKey,
            EmailDomain = details.Email.Domain,
            Institution = details.Institution,
            ProfessionalStatus = details.ProfessionalStatus,
            Discipline = details.Discipline,
            Kind = details.Kind,
            OrganisationName = details.OrganisationName,
            OrganisationKind = details.OrganisationKind,
            City = details.City,
            Country = details.Country,
            // What the public list shows is what it finds: an organisation's name, never its representative's,
            // and nothing of an anonymous signer, whose list entry names only the verified institution.
            SearchText = details.ListedAnonymously ? null : TypedText.SearchForm(details.Kind == SignatoryKind.Organisation
                ? details.OrganisationName!
                : $"{details.FirstName} {details.LastName} {details.Institution}"),
            ShowPublicly = details.ShowPublicly,
            ListedAnonymously = details.ListedAnonymously,
            AcceptsNews = details.AcceptsNews,
            HoldReason = item.Hold,
            TextVersion = item.Campaign.TextVersion,
            ConsentVersion = ConsentWording.Current,
            CreatedAt = now,
            LastMailAt = now,
        };
        signature.Commitments.AddRange(details.Commitments.Select(id => new SignatureCommitment { CommitmentId = id }));
        // Inserted by the same SaveChanges as the signature: the definitions came from the cached campaign view.
        signature.FieldValues.AddRange(details.CustomValues.Select(v => new SignatureFieldValue { CustomFieldId = v.FieldId, Value = v.Value }));
        return signature;
    }

    /// <param name="created">Where the token goes when its signature is new in this batch (inserted apart); null: tracked by EF.</param>
    private string NewToken(Signature signature, DateTime now, List<ConfirmationToken>? created)
    {
        var (token, hash) = SecretTokens.Create();
        var row = new ConfirmationToken
        {
            Signature = signature,
            Hash = hash,
            ExpiresAt = now + options.Value.ConfirmationLifetime,
            // A reminder to a signer who already confirmed carries only a withdrawal link: nothing left to confirm.
            UsedAt = signature.State is SignatureState.Pending ? null : now,
        };
        if (created is null)
        {
            db.ConfirmationTokens.Add(row);
        }
        else
        {
            created.Add(row);
        }
        return token;
    }
}
