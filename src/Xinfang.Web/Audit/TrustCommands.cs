using Xinfang.Web.Privacy;

namespace Xinfang.Web.Audit;

/// <summary>
/// The trust commands, run against the configured database and keys, then exit (docs/security.md):
/// <c>dotnet run --project src/Xinfang.Web -- audit verify</c> (exit 0 intact, 1 broken, 2 error) and
/// <c>dotnet run --project src/Xinfang.Web -- privacy reencrypt</c> (exit 0 done, 2 error).
/// </summary>
public static class TrustCommands
{
    public static bool IsCommand(string[] args) => args is ["audit" or "privacy", ..];

    public static async Task<int> RunAsync(IServiceProvider services, string[] command, TextWriter output, TextWriter error)
    {
        try
        {
            await using var scope = services.CreateAsyncScope();
            switch (command)
            {
                case ["audit", "verify"]:
                {
                    var result = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(CancellationToken.None);
                    if (result.Intact)
                    {
                        await output.WriteLineAsync(result.Message);
                        return 0;
                    }

                    await error.WriteLineAsync($"BROKEN at sequence {result.BrokenAt}: {result.Problem}. {result.Message}");
                    return 1;
                }

                case ["privacy", "reencrypt"]:
                {
                    var protector = scope.ServiceProvider.GetRequiredService<PersonalDataProtector>();
                    var result = await scope.ServiceProvider.GetRequiredService<ReencryptPersonalData>().RunAsync(CancellationToken.None);
                    var before = string.Join(", ", result.ValuesByKeyBefore.Select(k => $"{k.Key}: {k.Value}"));
                    await output.WriteLineAsync(
                        $"Re-encrypted {result.ValuesRewritten} values in {result.RowsRewritten} of {result.RowsRead} petitioner rows and {result.AttachmentsRewritten} of {result.AttachmentsRead} attachments under key '{protector.CurrentKeyId}' (before: {(before.Length == 0 ? "none" : before)}).");
                    return 0;
                }

                default:
                    await error.WriteLineAsync("usage: audit verify | privacy reencrypt");
                    return 2;
            }
        }
        catch (Exception e)
        {
            // A command-line boundary: report and exit non-zero (the message names no personal data).
            await error.WriteLineAsync($"error: {e.GetType().Name}: {e.Message}");
            return 2;
        }
    }
}
