using System.Diagnostics.Metrics;
using Xinfang.Domain.Petitions;
using Xinfang.Web.Data;

namespace Xinfang.Web.Operations;

/// <summary>
/// The app's own instruments (meter "Xinfang"), exported on /metrics beside the framework's request-duration
/// histogram. One meter per process: the app runs once per process in production.
/// </summary>
public static class XinfangMetrics
{
    public const string MeterName = "Xinfang";

    private static readonly Meter Meter = new(MeterName, "1.0");

    private static readonly Counter<long> Registered = Meter.CreateCounter<long>(
        "xinfang.intake.registered", unit: "{item}", description: "信访事项登记件数（每次登记提交后）");

    /// <summary>Called once per committed registration (staff desk, portal, reception).</summary>
    public static void Registration(PetitionForm form) => Registered.Add(1, new KeyValuePair<string, object?>("form", form.ToString()));

    /// <summary>The queue gauges read the latest snapshot; <see cref="QueueGauges"/> replaces it on its own schedule.</summary>
    internal static volatile QueueSnapshot? Snapshot;

    static XinfangMetrics()
    {
        Meter.CreateObservableGauge("xinfang.petitions.open", ObserveOpen, unit: "{item}", description: "未办结的信访事项，按状态（工作队列长度）");
        Meter.CreateObservableGauge("xinfang.petitions.overdue", ObserveOverdue, unit: "{item}", description: "已逾期未办结的信访事项");
        Meter.CreateObservableGauge("xinfang.petitions.snapshot_age", ObserveAge, unit: "s", description: "队列与逾期数字的计算时间距今秒数");
        // The read replica (ADR 0170 addendum), present only when one is configured; the lag figures only when measured.
        Meter.CreateObservableGauge("xinfang.replica.lag", ObserveReplicaLag, unit: "s", description: "只读副本落后主库的秒数（按 WAL 位置每秒检查）");
        Meter.CreateObservableGauge("xinfang.replica.lag_bytes", ObserveReplicaBytes, unit: "By", description: "只读副本尚未重放的 WAL 字节数");
        Meter.CreateObservableGauge("xinfang.replica.in_use", ObserveReplicaInUse, description: "可延迟的读取（统计、检索、公开查询）是否由只读副本提供：1 是，0 改由主库；标签 state 为副本状态");
    }

    /// <summary>The replica's monitor whose state the gauges show (one app per process in production).</summary>
    private static ReplicaLagMonitor? _replica;

    internal static void ReplicaFrom(ReplicaLagMonitor monitor) => Volatile.Write(ref _replica, monitor);

    internal static void ReplicaGone(ReplicaLagMonitor monitor) => Interlocked.CompareExchange(ref _replica, null, monitor);

    private static IEnumerable<Measurement<double>> ObserveReplicaLag() =>
        Volatile.Read(ref _replica)?.Status is { Lag: { } lag } ? [new Measurement<double>(lag.TotalSeconds)] : [];

    private static IEnumerable<Measurement<long>> ObserveReplicaBytes() =>
        Volatile.Read(ref _replica)?.Status is { LagBytes: { } bytes } ? [new Measurement<long>((long)Math.Min(bytes, long.MaxValue))] : [];

    private static IEnumerable<Measurement<int>> ObserveReplicaInUse() =>
        Volatile.Read(ref _replica)?.Status is { } s
            ? [new Measurement<int>(s.ReadsFromReplica ? 1 : 0, new KeyValuePair<string, object?>("state", s.State.ToString()))]
            : [];

    private static IEnumerable<Measurement<long>> ObserveOpen() =>
        Snapshot is { } s ? s.OpenByState.Select(kv => new Measurement<long>(kv.Value, new KeyValuePair<string, object?>("state", kv.Key.ToString()))) : [];

    private static IEnumerable<Measurement<long>> ObserveOverdue() =>
        Snapshot is { } s ? [new Measurement<long>(s.Overdue)] : [];

    private static IEnumerable<Measurement<double>> ObserveAge() =>
        Snapshot is { } s ? [new Measurement<double>(System.Diagnostics.Stopwatch.GetElapsedTime(s.Taken).TotalSeconds)] : [];
}

/// <summary>Open items by state and the overdue count, as of <see cref="Today"/>; <see cref="Taken"/> is the Stopwatch timestamp (for the age).</summary>
public sealed record QueueSnapshot(IReadOnlyDictionary<PetitionState, long> OpenByState, long Overdue, DateOnly Today, long Taken);
