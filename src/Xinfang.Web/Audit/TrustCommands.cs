using Xinfang.Web.Data;
using Xinfang.Web.Privacy;

namespace Xinfang.Web.Audit;

/// <summary>
/// The trust commands, run against the configured database and keys, then exit (docs/security.md):
/// <c>dotnet run --project src/Xinfang.Web -- audit verify</c> (exit 0 intact, 1 broken, 2 error) and
/// <c>dotnet run --project src/Xinfang.Web -- privacy reencrypt</c> (exit 0 done, 2 error),
/// <c>-- backup &lt;file&gt;</c> and <c>-- restore &lt;file&gt; [--force]</c> (<see cref="DatabaseBackup"/>; exit 0 done, 2 error).
/// </summary>
public static class TrustCommands
{
    public static bool IsCommand(string[] args) => args is ["audit" or "privacy" or "backup" or "restore", ..];

    /// <summary>How many leading arguments are the command (the rest configure the app).</summary>
    public static int Length(string[] args) => args is ["restore", _, "--force", ..] ? 3 : Math.Min(2, args.Length);

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

                case ["backup", var file]:
                {
                    var (provider, connection) = DatabaseBackup.Of(scope.ServiceProvider.GetRequiredService<AppDbContext>());
                    await output.WriteLineAsync(await DatabaseBackup.BackupAsync(provider, connection, file, CancellationToken.None));
                    return 0;
                }

                case ["restore", var file, ..]:
                {
                    var (provider, connection) = DatabaseBackup.Of(scope.ServiceProvider.GetRequiredService<AppDbContext>());
                    await output.WriteLineAsync(await DatabaseBackup.RestoreAsync(provider, connection, file, command is [_, _, "--force"], CancellationToken.None));
                    return 0;
                }

                default:
                    await error.WriteLineAsync("usage: audit verify | privacy reencrypt | backup <file> | restore <file> [--force]");
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
