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
public sealed class SignCampaign(SignatureWriter writer, VerifyProof proofs)
{
    /// <param name="Busy">Nothing was wrong with the form, but the signature was not taken: try again in a moment.</param>
    public sealed record Result(IReadOnlyList<FieldError> Errors, bool Busy = false)
    {
        public bool Accepted => Errors.Count == 0;

        internal static Result TryAgain { get; } = new([new FieldError("", "SigningBusy")], Busy: true);
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
        var signature = new PendingSignature(campaign, details, Languages.Current, links);
        // Checked once the form is valid, so a refused form does not use up its proof. A missing or
        // bad proof never refuses a signature: without JavaScript there is none. It only holds it.
        if (campaign.HoldsUnprovenSignatures && !proofs.Handle(campaign.Id, form.ProofChallenge, form.ProofNonce))
        {
            signature.Hold = HoldReason.NoProofOfWork;
        }
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
