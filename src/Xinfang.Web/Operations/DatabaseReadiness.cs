using System.Data.Common;
using Xinfang.Web.Data;

namespace Xinfang.Web.Operations;

/// <summary>
/// /health/ready: the database answers within a few seconds and holds exactly this build's migrations. The
/// reason is given to the caller (a load balancer's probe is anonymous), so it names the state, never the
/// connection (host, user); the exception goes to the log.
/// </summary>
internal sealed class DatabaseReadiness(IServiceScopeFactory scopes, ILogger<DatabaseReadiness> logger)
{
    internal static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public sealed record State(bool Ready, string? Reason);

    public async Task<State> CheckAsync(CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(Timeout);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var schema = await SchemaCheck.CompareAsync(db, limit.Token);
            return schema switch
            {
                { Unknown.Count: > 0 } => new(false, $"数据库结构比本程序新（本版本不认识的迁移：{string.Join("、", schema.Unknown)}）"),
                { Pending.Count: > 0 } => new(false, $"数据库尚未执行 {schema.Pending.Count} 个迁移：{string.Join("、", schema.Pending)}"),
                _ => new(true, null),
            };
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or TimeoutException
            || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            logger.LogWarning(e, "Readiness: the database did not answer");
            return new(false, e is OperationCanceledException ? $"数据库在 {Timeout.TotalSeconds:0} 秒内没有应答" : "数据库无法连接");
        }
    }
}
