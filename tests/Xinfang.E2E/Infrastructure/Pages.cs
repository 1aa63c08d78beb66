using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Xinfang.E2E.Infrastructure;

/// <summary>What a user does on the pages, in the words the pages use.</summary>
public static partial class Pages
{
    public const string Registrar = "demo.xihu.registrar";

    /// <summary>Fills the sign-in form and submits it; does not say where the app goes next.</summary>
    public static async Task SubmitLoginAsync(IPage page, string userName, string password)
    {
        await page.GotoAsync("/login");
        await page.GetByLabel("用户名", new() { Exact = true }).FillAsync(userName);
        await page.GetByLabel("密码", new() { Exact = true }).FillAsync(password);
        await page.Locator("form[action='/account/login']").GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
    }

    /// <summary>Signs in through the form and waits for the workbench.</summary>
    public static async Task SignInAsync(IPage page, string userName = Registrar)
    {
        await SubmitLoginAsync(page, userName, E2EApp.DemoPassword);
        await Expect(page).ToHaveURLAsync(WorkbenchUrl());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("待办工作台");
    }

    /// <summary>The work list's body rows.</summary>
    public static ILocator WorkRows(IPage page) => page.Locator("table.grid tbody tr");

    /// <summary>The work list row whose number link reads <paramref name="number"/>.</summary>
    public static ILocator WorkRow(IPage page, string number) =>
        WorkRows(page).Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = number, Exact = true }) });

    [GeneratedRegex(@"^http://127\.0\.0\.1:\d+/workbench(\?.*)?$")]
    public static partial Regex WorkbenchUrl();

    [GeneratedRegex(@"^http://127\.0\.0\.1:\d+/login(\?.*)?$")]
    public static partial Regex LoginUrl();

    [GeneratedRegex(@"/petitions/[0-9a-f-]{36}(\?tab=[a-z]+)?$")]
    public static partial Regex PetitionUrl();

    /// <summary>Opens a tab of the petition page (基本信息, 信访人, 办理过程, 文书, 附件, 督办) by its link.</summary>
    public static async Task TabAsync(IPage page, string name)
    {
        await page.GetByRole(AriaRole.Navigation, new() { Name = "信访件内容" }).GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^" + Regex.Escape(name) + "(（\\d+）)?$") }).ClickAsync();
        await Expect(page.Locator("nav.tabs a[aria-current='page']")).ToContainTextAsync(name);
    }

    /// <summary>Ticks “我已核对，确认办理” in <paramref name="form"/> (steps that cannot be undone ask for it).</summary>
    public static Task ConfirmAsync(ILocator form) => form.GetByLabel("我已核对，确认办理（办理后不能撤回）").CheckAsync();
}
