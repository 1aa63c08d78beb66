using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Organizations;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;

namespace Xinfang.Web.Administration;

/// <summary>
/// The first administrator of a production installation (issue 9 finding 5), where no demo accounts exist:
/// <c>dotnet run --project src/Xinfang.Web -- admin create-administrator &lt;userName&gt; &lt;orgCode&gt; [&lt;orgName&gt; &lt;divisionCode&gt;]</c>,
/// the password read from standard input (never an argument, so it is in no shell history or process list).
/// The organisation must exist; on an empty tree, give its name and 行政区划代码 and it is created as the
/// root 信访工作机构. Only while no administrator exists: later accounts are an administrator's job.
/// Exit 0 created, 1 refused (an administrator exists, bad input), 2 error.
/// </summary>
internal static class AdminCommands
{
    public const string Usage = "usage: admin create-administrator <userName> <orgCode> [<orgName> <divisionCode>]  (password on standard input)";

    /// <summary>The command's own arguments (<c>admin …</c> up to the first <c>--setting</c>), or null when the app is not asked for one.</summary>
    public static string[]? Command(string[] args) =>
        args is ["admin", ..] ? [.. args.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal))] : null;

    /// <summary>Logged at a start without demo data while no administrator exists.</summary>
    public static async Task TellHowToCreateTheFirstAdministratorAsync(AppDbContext db, ILogger logger)
    {
        if (!await db.Users.AnyAsync(StaffUser.Holding(StaffRole.Administrator)))
        {
            logger.LogWarning(
                "没有管理员账号（演示数据未开启：Xinfang:Demo:Enabled=false）。创建第一个管理员：\n  dotnet run --project src/Xinfang.Web -- admin create-administrator <用户名> <机构代码> [<机构名称> <行政区划代码>]\n密码从标准输入读取。");
        }
    }

    public static async Task<int> RunAsync(IServiceProvider services, string[] command, TextReader input, TextWriter output, TextWriter error)
    {
        try
        {
            if (command is not ["admin", "create-administrator", var userName, var orgCode, .. var rest] || rest.Length is not (0 or 2))
            {
                await error.WriteLineAsync(Usage);
                return 2;
            }

            await using var scope = services.CreateAsyncScope();
            var sp = scope.ServiceProvider;
            var db = sp.GetRequiredService<AppDbContext>();
            await db.Database.MigrateAsync();
            if (await db.Users.AnyAsync(StaffUser.Holding(StaffRole.Administrator)))
            {
                await error.WriteLineAsync("已有管理员账号：其他账号请由管理员创建。");
                return 1;
            }

            var org = await db.Organizations.SingleOrDefaultAsync(o => o.Code == orgCode);
            if (org is null)
            {
                if (rest is not [var orgName, var division] || await db.Organizations.AnyAsync())
                {
                    await error.WriteLineAsync($"机构代码 {orgCode} 不存在。组织机构为空时，请同时给出机构名称和行政区划代码以创建根机构。");
                    return 1;
                }

                if (division.Length != 6 || !division.All(char.IsAsciiDigit))
                {
                    await error.WriteLineAsync("行政区划代码应为6位数字");
                    return 1;
                }

                var level = division.EndsWith("0000", StringComparison.Ordinal) ? OrganizationLevel.Province
                    : division.EndsWith("00", StringComparison.Ordinal) ? OrganizationLevel.City
                    : OrganizationLevel.County;
                org = new Organization(Guid.CreateVersion7(), orgCode, orgName, division, level, OrganizationKind.PetitionBureau, null);
                db.Organizations.Add(org);
                await db.SaveChangesAsync();
            }

            var password = (await input.ReadLineAsync())?.TrimEnd('\r', '\n') ?? string.Empty;
            var users = sp.GetRequiredService<UserManager<StaffUser>>();
            var created = await users.CreateAsync(
                new StaffUser { UserName = userName, DisplayName = userName, OrganizationId = org.Id, Role = StaffRole.Administrator, LockoutEnabled = true },
                password);
            if (!created.Succeeded)
            {
                await error.WriteLineAsync(string.Join("；", created.Errors.Select(PasswordErrors.Describe)));
                return 1;
            }

            await output.WriteLineAsync($"已创建管理员 {userName}（{org.Name}）。首次登录后须开启双因素登录。");
            return 0;
        }
        catch (Exception e)
        {
            // A command-line boundary: report and exit non-zero.
            await error.WriteLineAsync($"error: {e.GetType().Name}: {e.Message}");
            return 2;
        }
    }
}
