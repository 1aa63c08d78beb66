using System.Text;
using Xinfang.Domain.Petitions;

namespace Xinfang.Domain.Tests.Docs;

/// <summary>
/// docs/domain/lifecycle.md shows the transition table; this keeps it equal to the code's table.
/// Run with XINFANG_UPDATE_DOCS=1 to rewrite the section after changing the lifecycle.
/// </summary>
public sealed class LifecycleDocumentTests
{
    private const string Start = "<!-- transitions:start -->";
    private const string End = "<!-- transitions:end -->";

    [Fact]
    public void The_lifecycle_document_shows_exactly_the_transition_table()
    {
        var path = Path.Combine(RepositoryRoot(), "docs", "domain", "lifecycle.md");
        var text = File.ReadAllText(path);
        var from = text.IndexOf(Start, StringComparison.Ordinal);
        var to = text.IndexOf(End, StringComparison.Ordinal);
        Assert.True(from >= 0 && to > from, "lifecycle.md lacks the transitions markers");
        var expected = Table();
        var actual = text[(from + Start.Length)..to].Trim();
        if (actual != expected && Environment.GetEnvironmentVariable("XINFANG_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, text[..(from + Start.Length)] + "\n" + expected + "\n" + text[to..]);
            return;
        }

        Assert.Equal(expected, actual);
    }

    private static string Table()
    {
        var b = new StringBuilder();
        b.AppendLine("| from | action | to | national state of `to` |");
        b.Append("|---|---|---|---|");
        foreach (var t in Lifecycle.Transitions.OrderBy(t => t.From).ThenBy(t => t.Action).ThenBy(t => t.To))
        {
            b.Append('\n').Append(System.Globalization.CultureInfo.InvariantCulture, $"| {t.From} {Lifecycle.NameOf(t.From)} | {t.Action} {Lifecycle.NameOf(t.Action)} | {t.To} {Lifecycle.NameOf(t.To)} | {NationalStates.Of(t.To)} |");
        }

        return b.ToString();
    }

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Xinfang.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Xinfang.slnx not found above " + AppContext.BaseDirectory);
    }
}
