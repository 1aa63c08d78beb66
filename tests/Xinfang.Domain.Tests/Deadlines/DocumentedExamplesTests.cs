using Xinfang.Domain.Deadlines;
using static Xinfang.Domain.Tests.Deadlines.Calendars;

namespace Xinfang.Domain.Tests.Deadlines;

/// <summary>The worked examples of docs/domain/deadlines.md are computed, so the page cannot drift from the code.</summary>
public sealed class DocumentedExamplesTests
{
    public static TheoryData<string, string, string, string> Examples()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot, "docs", "domain", "deadlines.md"));
        var start = text.IndexOf("<!-- examples:start -->", StringComparison.Ordinal);
        var end = text.IndexOf("<!-- examples:end -->", StringComparison.Ordinal);
        var data = new TheoryData<string, string, string, string>();
        foreach (var line in text[start..end].Split('\n').Skip(3)) // marker, header, separator
        {
            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            if (cells.Length >= 6)
            {
                data.Add(cells[1], cells[2], cells[3], cells[4]);
            }
        }

        return data;
    }

    [Fact]
    public void The_page_has_worked_examples() => Assert.True(Examples().Count >= 8);

    [Theory]
    [MemberData(nameof(Examples))]
    public void A_documented_example_is_what_the_engine_computes(string clock, string start, string roll, string due)
    {
        var policy = DeadlinePolicy.National with { RollForwardRestDay = roll == "yes" };
        var result = DeadlineComputation.Start(Enum.Parse<DeadlineClock>(clock), D(start), Official, policy).Due;
        Assert.Equal(D(due), result.Date);
    }
}
