using System.Diagnostics.Metrics;
using Xinfang.Domain.Petitions;

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
    }

    private static IEnumerable<Measurement<long>> ObserveOpen() =>
        Snapshot is { } s ? s.OpenByState.Select(kv => new Measurement<long>(kv.Value, new KeyValuePair<string, object?>("state", kv.Key.ToString()))) : [];

    private static IEnumerable<Measurement<long>> ObserveOverdue() =>
        Snapshot is { } s ? [new Measurement<long>(s.Overdue)] : [];

    private static IEnumerable<Measurement<double>> ObserveAge() =>
        Snapshot is { } s ? [new Measurement<double>(System.Diagnostics.Stopwatch.GetElapsedTime(s.Taken).TotalSeconds)] : [];
}

/// <summary>Open items by state and the overdue count, as of <see cref="Today"/>; <see cref="Taken"/> is the Stopwatch timestamp (for the age).</summary>
public sealed record QueueSnapshot(IReadOnlyDictionary<PetitionState, long> OpenByState, long Overdue, DateOnly Today, long Taken);
