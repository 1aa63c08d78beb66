using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Xinfang.E2E.Infrastructure;

/// <summary>
/// axe-core run inside Chromium on the page as it is now (issue 11: every portal page, 0 serious or
/// critical violations against WCAG 2.1 A/AA). The failure message names each rule and the elements.
/// </summary>
public static class Accessibility
{
    public static async Task AssertNoSeriousViolationsAsync(IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
            // Only violations are read: axe then skips building a selector for every node that passed (its documented
            // performance option); the violations and their nodes are reported whole as before.
            ResultTypes = [ResultType.Violations],
        });
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"axe-core on {page.Url}:\n" + string.Join("\n", serious.Select(v =>
            $"- {v.Id} ({v.Impact}): {v.Help} — {string.Join("; ", v.Nodes.Take(5).Select(n => string.Join(" ", n.Target)))}")));
    }
}
