using System.Security.Cryptography;
using Xinfang.Web.Data;

namespace Xinfang.Web.Security;

/// <summary>
/// Where the app's own secret keys live when they are not given in configuration (issue 9 finding 5):
/// the query-code key, the blind-index key and the personal-data key are read from (or created once in)
/// <c>Xinfang:KeyFolder</c>. In Development and Testing the folder defaults to the data folder; anywhere
/// else (Production) the app refuses to start unless the folder is configured and lies outside the data
/// folder, so a copy of the database (or a backup of it) never carries the keys that open it.
/// Files are created owner-only (0600, the folder 0700) and an existing key file readable by others is
/// narrowed to 0600 when read.
/// </summary>
internal static class KeyFiles
{
    public const string FolderSetting = "Xinfang:KeyFolder";

    /// <summary>Environments where keys may be created beside the data (a developer's machine, the test hosts).</summary>
    public static bool IsLenient(IHostEnvironment environment) =>
        environment.IsDevelopment() || environment.IsEnvironment("Testing");

    /// <summary>The key folder, or an exception naming what to configure (Production without a safe folder).</summary>
    public static string Folder(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration[FolderSetting];
        if (string.IsNullOrWhiteSpace(configured))
        {
            if (!IsLenient(environment))
            {
                throw new StartupRefusedException(
                    $"{FolderSetting} is not configured. Outside Development the keys must be kept in their own folder outside the data folder " +
                    $"(e.g. {FolderSetting}=/etc/xinfang/keys, owner-only), or given in configuration (Xinfang:Keys:QueryCode, Xinfang:Keys:BlindIndex, " +
                    "Xinfang:Keys:PersonalData). See docs/security.md.");
            }

            return DataSetup.DataFolder(configuration, environment);
        }

        var folder = Path.GetFullPath(configured);
        var data = Path.GetFullPath(DataSetup.DataFolder(configuration, environment));
        if (!IsLenient(environment) && IsInside(folder, data))
        {
            throw new StartupRefusedException(
                $"{FolderSetting} ({folder}) is inside the data folder ({data}): a copy of the data would carry its keys. Choose a folder outside it.");
        }

        if (!Directory.Exists(folder))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
            }
            else
            {
                Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        return folder;
    }

    /// <summary>Reads a base64 key file of the key folder, creating it (32 random bytes, mode 0600) if missing.</summary>
    public static byte[] ReadOrCreate(IConfiguration configuration, IHostEnvironment environment, string fileName)
    {
        var file = Path.Combine(Folder(configuration, environment), fileName);
        if (!File.Exists(file))
        {
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                using var writer = new StreamWriter(file, options);
                writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            }
            catch (IOException) when (File.Exists(file))
            {
                // Another instance created it first: read theirs.
            }
        }
        else if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(file) & OthersOrGroup) != 0)
        {
            File.SetUnixFileMode(file, File.GetUnixFileMode(file) & ~OthersOrGroup);
        }

        return Convert.FromBase64String(File.ReadAllText(file).Trim());
    }

    private const UnixFileMode OthersOrGroup =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private static bool IsInside(string folder, string parent)
    {
        var f = Path.TrimEndingDirectorySeparator(folder) + Path.DirectorySeparatorChar;
        var p = Path.TrimEndingDirectorySeparator(parent) + Path.DirectorySeparatorChar;
        return f.StartsWith(p, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
    }
}

/// <summary>A setting that makes the app unsafe to start; the message says what to configure.</summary>
internal sealed class StartupRefusedException(string message) : Exception(message);
