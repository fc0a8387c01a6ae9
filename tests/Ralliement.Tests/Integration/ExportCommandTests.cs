using System.Globalization;
using System.Net;
using CsvHelper;
using Ralliement.Admin;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Integration;

public sealed class ExportCommandTests : IDisposable
{
    private readonly RalliementApp _app = new();
    private readonly StringWriter _errors = new();
    private readonly MemoryStream _standardOutput = new();

    public void Dispose()
    {
        _app.Dispose();
        _errors.Dispose();
        _standardOutput.Dispose();
    }

    private Task<int?> RunAsync(params string[] args) =>
        AdminCommands.RunAsync([.. args, .. RalliementProcess.SettingsOf(_app)], () => _standardOutput, _errors);

    private async Task SignAndConfirmAsync(string email, string firstName)
    {
        Assert.Equal(HttpStatusCode.SeeOther, (await _app.SignAsync(RalliementApp.Form(email, firstName: firstName))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _app.ConfirmAsync(await _app.EmailToAsync(email))).StatusCode);
    }

    [Fact]
    public async Task The_export_lists_each_confirmed_signature_once_and_leaves_out_pending_ones()
    {
        await SignAndConfirmAsync(RalliementApp.UniqueEmail("export"), "Léa");
        await SignAndConfirmAsync(RalliementApp.UniqueEmail("export"), "=Zoé");
        await _app.SignAsync(RalliementApp.Form(RalliementApp.UniqueEmail("pending"), firstName: "Pending"));
        var file = Path.Combine(_app.DataDirectory, "export.csv");

        Assert.Equal(0, await RunAsync("export", "signatures", RalliementApp.Slug, "--output", file));

        using var reader = new CsvReader(new StreamReader(file), CultureInfo.InvariantCulture);
        var rows = reader.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList();
        // What the demo campaign collects, one column per commitment, then the consents; no address.
        var columns = rows[0].Keys.ToList();
        Assert.Equal(["id", "confirmed_at", "first_name", "last_name", "institution", "professional_status", "discipline"], columns[..7]);
        Assert.Equal(["shows_publicly", "accepts_news"], columns[^2..]);
        Assert.Equal(5, columns.Count - 9);
        Assert.Equal(["Léa", "'=Zoé"], rows.Select(r => (string)r["first_name"]));
        Assert.All(rows, r => Assert.Equal("Université de Test", r["institution"]));
        Assert.All(rows, r => Assert.Equal("2026-11-22T09:00:00Z", r["confirmed_at"]));
        Assert.DoesNotContain("@example.org", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
        Assert.Contains("Exported 2 confirmed signatures", _errors.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, _standardOutput.Length);
    }

    [Fact]
    public async Task Without_output_the_CSV_goes_to_standard_output_and_nothing_else_does()
    {
        await SignAndConfirmAsync(RalliementApp.UniqueEmail("export"), "Léa");

        Assert.Equal(0, await RunAsync("export", "signatures", RalliementApp.Slug));

        var lines = System.Text.Encoding.UTF8.GetString(_standardOutput.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("id,confirmed_at,", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_spreadsheet_fr_the_file_has_French_headers_semicolons_and_a_byte_order_mark()
    {
        await SignAndConfirmAsync(RalliementApp.UniqueEmail("export"), "Léa");
        var file = Path.Combine(_app.DataDirectory, "tableur.csv");

        Assert.Equal(0, await RunAsync("export", "signatures", RalliementApp.Slug, "--output", file, "--spreadsheet", "fr"));
        Assert.Equal(0, await RunAsync("export", "signatures", RalliementApp.Slug, "--spreadsheet=en", "--separator=tab"));

        var bytes = await File.ReadAllBytesAsync(file);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.StartsWith("Numéro;Confirmée le (UTC);Prénom;Nom;", System.Text.Encoding.UTF8.GetString(bytes[3..]), StringComparison.Ordinal);
        var english = System.Text.Encoding.UTF8.GetString(_standardOutput.ToArray()).TrimStart('\uFEFF');
        Assert.StartsWith("Number\tConfirmed at (UTC)\tFirst name\t", english, StringComparison.Ordinal);
        Assert.Equal(2, await RunAsync("export", "signatures", RalliementApp.Slug, "--spreadsheet", "de"));
    }

    [Fact]
    public async Task An_unknown_campaign_is_an_error_on_standard_error_with_exit_code_2_and_no_file()
    {
        _ = _app.Address;
        var file = Path.Combine(_app.DataDirectory, "none.csv");

        Assert.Equal(2, await RunAsync("export", "signatures", "no-such-campaign", "--output", file));

        Assert.Contains("No campaign has the slug 'no-such-campaign'", _errors.ToString(), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_app.DataDirectory, "none.csv*"));
    }

    [Theory]
    [InlineData("export")]
    [InlineData("export", "signatures")]
    [InlineData("export", "campaigns", "x")]
    [InlineData("export", "signatures", "--output")]
    public async Task An_incomplete_command_prints_the_usage_with_exit_code_2(params string[] args)
    {
        Assert.Equal(2, await AdminCommands.RunAsync(args, () => _standardOutput, _errors));
        Assert.Contains("signatures <campaign-slug>", _errors.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData]
    [InlineData("--urls", "http://127.0.0.1:8080")]
    public async Task Arguments_that_name_no_command_start_the_site(params string[] args) =>
        Assert.Null(await AdminCommands.RunAsync(args, () => _standardOutput, _errors));
}
