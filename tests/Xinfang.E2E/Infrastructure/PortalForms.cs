using Microsoft.Playwright;

namespace Xinfang.E2E.Infrastructure;

/// <summary>The online petition form (/submit) filled as a petitioner would, for every journey that starts there.</summary>
public static class PortalForms
{
    public const string Facts = "北山街道宝石山下的人行道断裂三个月，多位老人在此摔倒，社区说不归他们管。";

    public static async Task FillSubmitFormAsync(IPage page, string demand)
    {
        await page.GetByLabel("信访目的").SelectOptionAsync("Demand");
        await page.GetByLabel("诉求（希望解决什么问题，200字以内）").FillAsync(demand);
        await page.GetByLabel("事实和理由").FillAsync(Facts);
        await page.GetByLabel("问题属地（问题发生在哪里）").SelectOptionAsync("330106001");
        await page.GetByLabel("姓名", new() { Exact = true }).FillAsync("孔秀兰");
        await page.GetByLabel("居民身份证号码").FillAsync("330106199202200037");
        await page.GetByLabel("电话", new() { Exact = true }).FillAsync("13912345678");
        await page.GetByLabel("住址（可不填）").FillAsync("杭州市西湖区北山街道2幢202室");
        await AnswerChallengeAsync(page);
    }

    /// <summary>Reads the sum in Chinese words and types the digits, as a person would.</summary>
    public static async Task AnswerChallengeAsync(IPage page)
    {
        var question = (await page.Locator("#challenge-question").TextContentAsync())!.Trim();
        var sum = question.Replace("等于几？", string.Empty, StringComparison.Ordinal);
        var plus = sum.Contains('加', StringComparison.Ordinal);
        var parts = sum.Split(plus ? '加' : '减');
        var answer = plus ? Number(parts[0]) + Number(parts[1]) : Number(parts[0]) - Number(parts[1]);
        await page.GetByLabel("验证问题：").FillAsync(answer.ToString(System.Globalization.CultureInfo.InvariantCulture));

        static int Number(string words)
        {
            const string digits = "零一二三四五六七八九";
            var ten = words.IndexOf('十', StringComparison.Ordinal);
            if (ten < 0)
            {
                return digits.IndexOf(words[0], StringComparison.Ordinal);
            }

            var tens = ten == 0 ? 1 : digits.IndexOf(words[0], StringComparison.Ordinal);
            var ones = ten == words.Length - 1 ? 0 : digits.IndexOf(words[^1], StringComparison.Ordinal);
            return (tens * 10) + ones;
        }
    }
}
