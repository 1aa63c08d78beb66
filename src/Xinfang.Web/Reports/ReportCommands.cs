using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;

namespace Xinfang.Web.Reports;

/// <summary>
/// <c>dotnet run --project src/Xinfang.Web -- report --year 2026 [--org CODE] [--format md|docx] [--out FILE]</c>:
/// the annual report drafted from the configured database, for cron jobs and for the bureau that wants the
/// file without a browser. It runs as the deployment (whoever can start the app can read its database): as a
/// leader of the chosen organisation — by default the top of the tree — so the figures cover its whole subtree,
/// exactly as that organisation's leader sees them on /statistics/report.
/// </summary>
internal static class ReportCommands
{
    public const string Usage =
        "usage: report --year <yyyy> [--quarter <1-4> | --month <1-12>] | --from <yyyy-MM-dd> --to <yyyy-MM-dd>  [--org <机构代码>] [--format md|docx] [--out <文件>]";

    private static readonly HashSet<string> Options = new(StringComparer.Ordinal) { "--year", "--quarter", "--month", "--from", "--to", "--org", "--format", "--out" };

    /// <summary>The command's own arguments (<c>report</c> and its options), or null; what follows them configures the app.</summary>
    public static string[]? Command(string[] args)
    {
        if (args is not ["report", ..])
        {
            return null;
        }

        var n = 1;
        while (n + 1 < args.Length && Options.Contains(args[n]))
        {
            n += 2;
        }

        return args[..n];
    }

    public static async Task<int> RunAsync(IServiceProvider services, string[] command, TextWriter output, TextWriter error)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i + 1 < command.Length; i += 2)
        {
            options[command[i]] = command[i + 1];
        }

        var format = options.GetValueOrDefault("--format", "md");
        if (command.Length % 2 == 0 || format is not ("md" or "docx") || (!options.ContainsKey("--year") && !options.ContainsKey("--from")))
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }

        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<AppDbContext>();
        await db.Database.MigrateAsync();
        var directory = sp.GetRequiredService<OrganizationDirectory>();
        await directory.ReloadAsync(db, default);
        await sp.GetRequiredService<Deadlines.DeadlineSettings>().ReloadAsync(db, default);

        var orgs = await db.Organizations.AsNoTracking().Select(o => new { o.Id, o.Code, o.ParentId }).ToListAsync();
        var chosen = options.TryGetValue("--org", out var code)
            ? orgs.Where(o => o.Code == code).ToList()
            : orgs.Where(o => o.ParentId is null).ToList();
        if (chosen.Count != 1)
        {
            await error.WriteLineAsync(code is not null ? $"机构代码 {code} 不存在。" : "组织机构有多个顶层机构或为空，请用 --org 指定机构代码。");
            return 1;
        }

        // The deployment acts as a leader of the organisation: the indicator source sees that subtree, nothing more.
        var accessor = sp.GetRequiredService<IHttpContextAccessor>();
        accessor.HttpContext = new DefaultHttpContext
        {
            RequestServices = sp,
            User = new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, "deployment:report-command"),
                new Claim(ClaimTypes.Name, "report-command"),
                new Claim(IdentitySetup.OrganizationClaim, chosen[0].Id.ToString()),
                new Claim(IdentitySetup.RoleClaim, nameof(StaffRole.Leader)),
                new Claim(IdentitySetup.DisplayNameClaim, "年度报告命令（部署）"),
            ], authenticationType: "deployment")),
        };
        try
        {
            var data = sp.GetRequiredService<ReportData>();
            var outcome = await data.ParseAsync(new StatisticsFilter
            {
                Org = chosen[0].Id.ToString(),
                Year = options.GetValueOrDefault("--year"),
                Quarter = options.GetValueOrDefault("--quarter"),
                Month = options.GetValueOrDefault("--month"),
                From = options.GetValueOrDefault("--from"),
                To = options.GetValueOrDefault("--to"),
            }, defaultToThisYear: false, default);
            if (outcome.Filter is null)
            {
                foreach (var message in outcome.Errors.Messages.DefaultIfEmpty(outcome.ForbiddenReason ?? Usage))
                {
                    await error.WriteLineAsync(message);
                }

                return 2;
            }

            var report = AnnualReport.Draft(await data.FiguresAsync(outcome.Filter, default));
            if (format == "docx")
            {
                var file = options.GetValueOrDefault("--out") ?? ReportsModule.FileStem("annual-report", outcome.Filter) + ".docx";
                await File.WriteAllBytesAsync(file, DocxWriter.Write(report));
                await output.WriteLineAsync($"已生成 {report.Title}：{Path.GetFullPath(file)}");
            }
            else if (options.TryGetValue("--out", out var file))
            {
                await File.WriteAllTextAsync(file, report.ToMarkdown());
                await output.WriteLineAsync($"已生成 {report.Title}：{Path.GetFullPath(file)}");
            }
            else
            {
                await output.WriteAsync(report.ToMarkdown());
            }

            return 0;
        }
        finally
        {
            accessor.HttpContext = null;
        }
    }
}
