using System.Diagnostics;
using System.Globalization;
using Xinfang.Web.Data;

namespace Xinfang.Web.Operations;

/// <summary>
/// The read replica's part of /health/ready (ADR 0170 addendum): its state, where the reads that may lag go, and the
/// lag as last checked — from the monitor's cached verdict, so the probe never connects to the replica. Like the
/// readiness reason, it names the state, never the connection.
/// </summary>
internal sealed record ReplicaReport(
    string State, string ReadsFrom, double? LagSeconds, ulong? LagBytes, double MaxLagSeconds, double? CheckedSecondsAgo, string Detail)
{
    public static ReplicaReport Of(ReplicaLagMonitor monitor)
    {
        var s = monitor.Status;
        var max = monitor.MaxLag.TotalSeconds;
        var lag = s.Lag?.TotalSeconds;
        var detail = s.State switch
        {
            ReplicaState.NotConfigured => "未配置只读副本，全部读取由主库提供",
            ReplicaState.Unknown => "只读副本状态尚未确认，读取由主库提供",
            ReplicaState.Current => $"只读副本落后 {Seconds(lag)} 秒，未超过上限 {Seconds(max)} 秒：统计、检索与公开查询读取副本",
            ReplicaState.Lagging => $"只读副本落后 {Seconds(lag)} 秒，超过上限 {Seconds(max)} 秒：读取改由主库提供，直到副本追上",
            ReplicaState.Unreachable => "只读副本无法连接：读取改由主库提供（主库可用即就绪）",
            ReplicaState.NotStandby => "只读副本不处于备库（恢复）状态：读取改由主库提供",
            _ => s.State.ToString(),
        };
        return new ReplicaReport(
            s.State.ToString(),
            s.ReadsFromReplica ? "replica" : "primary",
            lag is { } l ? Math.Round(l, 3) : null,
            s.LagBytes,
            max,
            s.CheckedAt == 0 ? null : Math.Round(Stopwatch.GetElapsedTime(s.CheckedAt).TotalSeconds, 3),
            detail);
    }

    private static string Seconds(double? value) => (value ?? 0).ToString("0.0", CultureInfo.InvariantCulture);
}
