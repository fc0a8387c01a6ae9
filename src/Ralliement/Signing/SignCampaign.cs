using Ralliement.AntiAbuse;
using Ralliement.Campaigns;
using Ralliement.Metrics;
using Ralliement.ProofOfWork;

namespace Ralliement.Signing;

/// <summary>
/// Takes a signature from the form: the whole use case, every guard in order, so that any entry
/// point (the page, a JSON endpoint) gets the same checks and one outcome to map to a status.
/// Whatever the address's history, the signer sees the same answer ("check your inbox"); only the
/// email differs (see <see cref="WriteSignatureBatch"/>). The answer waits until the signature is
/// committed, so an acknowledged signature is never lost; when the writer's queue is full it says so
/// at once instead of letting the request time out.
/// </summary>
public sealed class SignCampaign(
    SignatureWriter writer, VerifyProof proofs, DisposableDomains disposable, SigningLimits limits, Honeypot honeypot, WatchSigningWaves waves,
    RalliementMetrics metrics)
{
    /// <param name="ClientNetwork">The client's network (<see cref="AntiAbuse.ClientNetwork"/>), for the limits and the waves; never stored.</param>
    public sealed record Request(ReadCampaign.View Campaign, SignerDetails.Form Form, string ClientNetwork, PublicLinks Links);

    public enum Outcome
    {
        /// <summary>Committed (or caught by the honeypot, which must not be told apart): "check your inbox".</summary>
        Accepted,
        /// <summary>Something in the form is wrong; <see cref="Result.Errors"/> says what, by field.</summary>
        Invalid,
        /// <summary>Nothing was wrong with the form, but the signature was not taken: try again in a moment.</summary>
        Busy,
        /// <summary>Refused by a rate limit: try again after <see cref="Result.RetryAfter"/>.</summary>
        TooMany,
        /// <summary>The campaign does not take signatures (not open yet, closed, archived).</summary>
        Closed,
    }

    /// <param name="Errors">Resource keys of <see cref="TypedText"/> or <see cref="AntiAbuseText"/> with their arguments, by field.</param>
    public sealed record Result(Outcome Outcome, FormErrors Errors, TimeSpan? RetryAfter = null)
    {
        internal static Result Accepted { get; } = new(Outcome.Accepted, FormErrors.None);

        internal static Result TryAgain { get; } = new(Outcome.Busy, new FormErrors { { "", "SigningBusy" } });

        internal static Result Invalid(FormErrors errors) => new(Outcome.Invalid, errors);

        /// <summary>Refused by a rate limit, with a message saying when to come back.</summary>
        internal static Result TooMany(string key, TimeSpan wait) =>
            new(Outcome.TooMany, new FormErrors { { "", key, Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes)) } }, wait);
    }

    public async Task<Result> HandleAsync(Request request, CancellationToken cancellationToken)
    {
        var (campaign, form) = (request.Campaign, request.Form);
        if (limits.TakeForNetwork(request.ClientNetwork) is { } networkWait)
        {
            metrics.Refused(RalliementMetrics.Refusal.NetworkLimit);
            return Result.TooMany("TooManyFromNetwork", networkWait);
        }
        if (honeypot.Caught(form.Trap, campaign.Id))
        {
            metrics.Refused(RalliementMetrics.Refusal.Honeypot);
            return Result.Accepted;
        }
        if (!campaign.AcceptsSignatures)
        {
            metrics.Refused(RalliementMetrics.Refusal.Closed);
            return new Result(Outcome.Closed, new FormErrors { { "", "CampaignClosed" } });
        }
        var details = SignerDetails.Validate(form, campaign, out var errors);
        if (details is null)
        {
            metrics.Refused(RalliementMetrics.Refusal.Invalid);
            return Result.Invalid(errors);
        }
        var domain = details.Email.Domain;
        if (disposable.IsDisposable(domain))
        {
            metrics.Refused(RalliementMetrics.Refusal.DisposableDomain);
            return Result.Invalid(new FormErrors { { nameof(SignerDetails.Form.Email), "DisposableEmail" } });
        }
        if (limits.TakeForDomain(campaign.Id, domain) is { } domainWait)
        {
            metrics.Refused(RalliementMetrics.Refusal.DomainLimit);
            return Result.TooMany("TooManyFromDomain", domainWait);
        }
        var signature = new PendingSignature(campaign, details, Languages.Current, request.Links);
        Suspect(signature, request);
        if (!writer.TryEnqueue(signature))
        {
            metrics.Refused(RalliementMetrics.Refusal.Busy);
            return Result.TryAgain;
        }
        // A failed write throws here and becomes the server-error page; the signer was not told it worked.
        var written = await signature.Written.Task.WaitAsync(cancellationToken);
        metrics.Written(written);
        return written ? Result.Accepted : Result.TryAgain;
    }

    /// <summary>
    /// Every signature is counted in memory as it comes in, proven or not. The proof is checked once
    /// the form is valid, so a refused form does not use up its proof; a missing or bad one never
    /// refuses a signature (without JavaScript there is none): it holds it during a wave, or always
    /// if the organisation says so. Whether a valid proof was spent before is the writer's to tell.
    /// </summary>
    private void Suspect(PendingSignature signature, Request request)
    {
        var campaign = request.Campaign;
        var wave = waves.Observe(campaign.Id, signature.Details.Email.Domain, request.ClientNetwork, request.Links.BaseUrl);
        signature.Proof = proofs.Handle(campaign.Id, request.Form.ProofChallenge, request.Form.ProofNonce);
        signature.HoldIfUnproven = wave.DuringWave || campaign.UnprovenSignatures == UnprovenSignatureRule.HoldAlways
            ? HoldReason.NoProofOfWork
            : null;
        signature.Hold = wave.Hold ?? (signature.Proof is null ? signature.HoldIfUnproven : null);
    }
}

/// <summary>A validated signature waiting for the writer; <see cref="Written"/> ends once it is committed.</summary>
public sealed record PendingSignature(ReadCampaign.View Campaign, SignerDetails Details, string Language, PublicLinks Links)
{
    /// <summary>
    /// Set when something about this signature was suspect as it came in (a wave, no proof of work
    /// when one is needed): it is written with this reason and waits for a moderator once confirmed.
    /// </summary>
    public HoldReason? Hold { get; set; }

    /// <summary>The valid proof of work it carries, spent by the writer in the signature's commit; null without one.</summary>
    public VerifyProof.Solution? Proof { get; set; }

    /// <summary>Why to hold it should its proof turn out to be spent already (null: it counts all the same).</summary>
    public HoldReason? HoldIfUnproven { get; set; }

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
