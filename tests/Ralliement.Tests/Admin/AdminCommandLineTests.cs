using System.Text;
using Ralliement.Admin;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Admin;

/// <summary>What every admin command shares: its help, its exit codes, the site's settings among its arguments.</summary>
public sealed class AdminCommandLineTests : IDisposable
{
    private readonly StringWriter _errors = new();
    private readonly MemoryStream _standardOutput = new();

    public void Dispose()
    {
        _errors.Dispose();
        _standardOutput.Dispose();
    }

    private Task<int?> RunAsync(params string[] args) => AdminCommands.RunAsync(args, () => _standardOutput, _errors);

    private string Output => Encoding.UTF8.GetString(_standardOutput.ToArray());

    [Fact]
    public async Task Help_lists_every_command_on_standard_output()
    {
        Assert.Equal(0, await RunAsync("--help"));

        foreach (var command in new[] { "export", "organiser", "keys", "migrate" })
        {
            Assert.Contains($"  {command} ", Output, StringComparison.Ordinal);
        }
        Assert.Contains("Exit codes", Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("signatures <campaign-slug>", "export", "signatures", "--help")]
    [InlineData("create <email>", "organiser", "create", "--help")]
    [InlineData("keys new", "keys", "new", "-h")]
    [InlineData("migrate [options]", "migrate", "--help")]
    public async Task Each_command_explains_itself_with_help_and_does_nothing_else(string usage, params string[] args)
    {
        Assert.Equal(0, await RunAsync(args));

        Assert.Contains(usage, Output, StringComparison.Ordinal);
        Assert.Contains("Usage:", Output, StringComparison.Ordinal);
        Assert.Empty(_errors.ToString());
    }

    [Theory]
    [InlineData("Unrecognized command or argument 'now'", "keys", "new", "now")]
    [InlineData("Option '--organisation' is required", "organiser", "create", "a@example.org")]
    [InlineData("--DataDirectory is neither an option of this command nor a setting with a value", "keys", "new", "--DataDirectory")]
    [InlineData("Argument 'de' not recognized", "export", "signatures", "x", "--spreadsheet", "de")]
    public async Task A_wrong_argument_is_named_before_the_commands_help_with_exit_code_2(string message, params string[] args)
    {
        Assert.Equal(2, await RunAsync(args));

        var errors = _errors.ToString();
        Assert.StartsWith(message, errors, StringComparison.Ordinal);
        Assert.Contains("Usage:", errors, StringComparison.Ordinal);
        Assert.Equal(0, _standardOutput.Length);
    }

    [Fact]
    public async Task Settings_written_with_a_space_reach_the_site_configuration_as_with_an_equals_sign()
    {
        using var app = new RalliementApp();
        var settings = RalliementProcess.SettingsOf(app).SelectMany(setting => setting.Split('=', 2)).ToArray();
        var file = Path.Combine(app.DataDirectory, "spaced.csv");

        Assert.Equal(0, await RunAsync(["export", "signatures", RalliementApp.Slug, "--output", file, .. settings]));

        Assert.StartsWith("id,confirmed_at", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
    }
}
