namespace Ralliement.Signing;

/// <summary>
/// Names the wording of the signing form's consents (<c>ShowPublicly</c>, <c>ConsentToProcessing</c>,
/// <c>AcceptsNews</c> and their hints, in every language), recorded with each signature so that what a
/// signer agreed to can be shown later. A test compares a hash of those texts with <see cref="Hash"/>:
/// changing the wording without naming a new version fails it.
/// </summary>
public static class ConsentWording
{
    /// <summary>The wording the form shows now.</summary>
    public const string Current = "2026-11";

    /// <summary>SHA-256 of the consent texts of <see cref="Current"/>, in hex (see the test that checks it).</summary>
    public const string Hash = "";

    /// <summary>The resource names whose texts are the consents' wording.</summary>
    public static readonly IReadOnlyList<string> ResourceNames =
        ["ShowPublicly", "ShowPubliclyHint", "ConsentToProcessing", "ConsentToProcessingHint", "AcceptsNews", "AcceptsNewsHint"];
}
