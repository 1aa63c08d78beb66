namespace Xinfang.Web.Common;

/// <summary>
/// `dotnet run --project src/Xinfang.Web -- text …` runs the Chinese-text commands of Xinfang.Text.
/// `dotnet run` starts the app in the project folder, so file paths typed relative to the
/// repository root (as the docs show them) are resolved against that root.
/// </summary>
public static class TextCommands
{
    private static readonly HashSet<string> PathOptions = ["--train", "--test", "--items", "--pairs", "--out", "--model-out"];

    public static int Run(string[] args)
    {
        var baseDirectory = InvocationDirectory();
        var resolved = args.ToArray();
        for (var i = 0; i < resolved.Length - 1; i++)
        {
            if (PathOptions.Contains(resolved[i]) && !Path.IsPathRooted(resolved[i + 1]))
            {
                resolved[i + 1] = Path.GetFullPath(resolved[i + 1], baseDirectory);
            }
        }

        return Text.TextCommandLine.Run(resolved, Console.Out, Console.Error);
    }

    private static string InvocationDirectory()
    {
        var cwd = Directory.GetCurrentDirectory();
        if (!File.Exists(Path.Combine(cwd, "Xinfang.Web.csproj")))
        {
            return cwd;
        }

        for (var dir = new DirectoryInfo(cwd); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Xinfang.slnx")))
            {
                return dir.FullName;
            }
        }

        return cwd;
    }
}
