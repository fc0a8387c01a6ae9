using Ralliement.AntiAbuse;
using Ralliement.Campaigns;
using Ralliement.Data;
using Ralliement.ProofOfWork;
using Ralliement.Shared;

namespace Ralliement.Signing;

/// <summary>
/// Takes a signature from the form. Whatever the address's history, the signer sees the same
/// answer ("check your inbox"); only the email differs (see <see cref="WriteSignatureBatch"/>).
/// The answer waits until the signature is committed, so an acknowledged signature is never lost;
/// when the writer's queue is full it says so at once instead of letting the request time out.
/// </summary>
public sealed class SignCampaign(SignatureWriter writer, VerifyProof proofs, DisposableDomains disposable, SigningLimits limits, WatchSigningWaves waves)
{
    /// <param name="Busy">Nothing was wrong with the form, but the signature was not taken: try again in a moment.</param>
    /// <param name="RetryAfter">Refused by a rate limit: try again after this (429).</param>
    public sealed record Result(IReadOnlyList<FieldError> Errors, bool Busy = false, TimeSpan? RetryAfter = null)
    {
        public bool Accepted => Errors.Count == 0;

        internal static Result TryAgain { get; } = new([new FieldError("", "SigningBusy")], Busy: true);

        /// <summary>Refused by a rate limit, with a message (a resource key of <see cref="AntiAbuseText"/>) saying when to come back.</summary>
        public static Result TooMany(string key, TimeSpan wait) =>
            new([new FieldError("", key, Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes)))], RetryAfter: wait);
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
        var domain = details.Email.Domain;
        if (disposable.IsDisposable(domain))
        {
            return new Result([new FieldError(nameof(SignerDetails.Form.Email), "DisposableEmail")]);
        }
        if (limits.TakeForDomain(campaign.Id, domain) is { } wait)
        {
            return Result.TooMany("TooManyFromDomain", wait);
        }
        // Every signature is counted in memory as it comes in, proven or not: during a wave it waits
        // for a moderator once confirmed. The proof is checked once the form is valid, so a refused
        // form does not use up its proof; a missing or bad proof never refuses a signature (without
        // JavaScript there is none), it only holds it.
        var waveHold = waves.Observe(campaign.Id, domain, links.BaseUrl);
        var proofHold = campaign.HoldsUnprovenSignatures && !proofs.Handle(campaign.Id, form.ProofChallenge, form.ProofNonce)
            ? HoldReason.NoProofOfWork
            : (HoldReason?)null;
        var signature = new PendingSignature(campaign, details, Languages.Current, links) { Hold = proofHold ?? waveHold };
        if (!writer.TryEnqueue(signature))
        {
            return Result.TryAgain;
        }
        // A failed write throws here and becomes the server-error page; the signer was not told it worked.
        var written = await signature.Written.Task.WaitAsync(cancellationToken);
        return written ? new Result([]) : Result.TryAgain;
    }
}

/// <summary>A validated signature waiting for the writer; <see cref="Written"/> ends once it is committed.</summary>
public sealed record PendingSignature(ReadCampaign.View Campaign, SignerDetails Details, string Language, PublicLinks Links)
{
    /// <summary>
    /// Set when something about this signature was suspect as it came in (no proof of work, a wave):
    /// it is written with this reason and waits for a moderator once confirmed.
    /// </summary>
    public HoldReason? Hold { get; set; }

    /// <summary>True once committed; false if the process stopped before writing it; faulted if the write failed.</summary>
    public TaskCompletionSource<bool> Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

public sealed class SigningOptions
{
    /// <summary>How long a confirmation link works.</summary>
    public TimeSpan ConfirmationLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long a signature never confirmed is kept after its last link expired.</summary>
    public TimeSpan UnconfirmedRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Shortest time between two emails about one signature, so the form cannot flood an inbox.</summary>
    public TimeSpan RepeatMailInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Signatures waiting to be written before new ones get "try again in a moment" (503). Each is a
    /// signer's request kept open; a thousand is under a second of writing on a small machine.
    /// </summary>
    public int WriteQueueCapacity { get; set; } = 1000;
}
