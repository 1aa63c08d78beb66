namespace Xinfang.Domain.Deadlines;

/// <summary>The level of a petition bureau, for the optional per-level split of the 15-day disposition clock [P].</summary>
public enum DispositionLevel
{
    /// <summary>国家</summary>
    National,
    /// <summary>省</summary>
    Province,
    /// <summary>市</summary>
    City,
    /// <summary>县</summary>
    County,
}

/// <summary>
/// The numbers of a jurisdiction: every period the regulation sets, with the national 条例 values as
/// default. Provinces may override (Zhejiang and Henan set their own handling periods): see
/// <see cref="PolicyOverride"/> and <see cref="Resolve"/>.
/// </summary>
public sealed record DeadlinePolicy
{
    /// <summary>The national values of the 信访工作条例 (2022).</summary>
    public static DeadlinePolicy National { get; } = new();

    /// <summary>条例 Art. 22: the bureau forwards, assigns or answers within 15 days of receipt.</summary>
    public Period BureauDisposition { get; init; } = Period.Days(15);

    /// <summary>[P] 2014 满意度办法: whether the 15 days are split by level (<see cref="BureauDispositionAt"/>). Off by default.</summary>
    public bool SplitBureauDispositionByLevel { get; init; }

    /// <summary>[P] 2014 满意度办法: the 国家 level's share of the disposition period, 5 days.</summary>
    public Period BureauDispositionNational { get; init; } = Period.Days(5);

    /// <summary>[P] 2014 满意度办法: the 省 level's share, 3 days.</summary>
    public Period BureauDispositionProvince { get; init; } = Period.Days(3);

    /// <summary>[P] 2014 满意度办法: the 市 level's share, 3 days.</summary>
    public Period BureauDispositionCity { get; init; } = Period.Days(3);

    /// <summary>[P] 2014 满意度办法: the 县 level's share, 4 days.</summary>
    public Period BureauDispositionCounty { get; init; } = Period.Days(4);

    /// <summary>条例 Art. 23 ¶2–3: written notice of receipt within 15 days (direct and forwarded alike).</summary>
    public Period NoticeOfReceipt { get; init; } = Period.Days(15);

    /// <summary>条例 Art. 23 ¶3: objection to a wrong forward within 5 working days.</summary>
    public Period ForwardObjection { get; init; } = Period.WorkingDays(5);

    /// <summary>条例 Art. 34: handled within 60 days of acceptance.</summary>
    public Period Handling { get; init; } = Period.Days(60);

    /// <summary>条例 Art. 34: extensions total at most 30 days.</summary>
    public int MaxExtensionDays { get; init; } = 30;

    /// <summary>Practice [P]: one extension only. Art. 34 itself only caps the total.</summary>
    public int MaxExtensions { get; init; } = 1;

    /// <summary>条例 Art. 35: 30 days from receiving the reply to ask for 复查.</summary>
    public Period ReviewRequestWindow { get; init; } = Period.Days(30);

    /// <summary>条例 Art. 35: the 复查 opinion within 30 days of receiving the request.</summary>
    public Period ReviewOpinion { get; init; } = Period.Days(30);

    /// <summary>条例 Art. 36: 30 days from receiving the 复查 opinion to ask for 复核.</summary>
    public Period ReReviewRequestWindow { get; init; } = Period.Days(30);

    /// <summary>条例 Art. 36: the 复核 opinion within 30 days (hearing time not counted).</summary>
    public Period ReReviewOpinion { get; init; } = Period.Days(30);

    /// <summary>条例 Art. 40 ¶4: written feedback on a 督办 or recommendation; the 条例 sets no length, 30 days follows the 2005 条例 and local rules [P].</summary>
    public Period SupervisionFeedback { get; init; } = Period.Days(30);

    /// <summary>Rating window after the reply is served [P, 国信发〔2022〕11号]: configurable.</summary>
    public Period RatingWindow { get; init; } = Period.Days(30);

    /// <summary>[S] hours within which an urgent item is forwarded (泰宁 2020: 2 h); none nationally.</summary>
    public int? UrgentForwardHours { get; init; }

    /// <summary>[S] hours within which an urgent item is answered (泰宁 2020: 24 h); none nationally.</summary>
    public int? UrgentAnswerHours { get; init; }

    /// <summary>Whether a last day falling on a rest day rolls to the next working day. Off by default [P]; 民法典 Art. 203 argues for on.</summary>
    public bool RollForwardRestDay { get; init; }

    /// <summary>
    /// [P] How many days back an officer may date a step that happened outside the system (a paper
    /// receipt, a request handed in at the counter): 90. The 条例 sets no limit; practice records
    /// within the 60-day handling period plus its 30-day extension, and older entries need a correction procedure.
    /// </summary>
    public int MaxBackdatingDays { get; init; } = 90;

    /// <summary>
    /// The period of a clock under this policy; <see langword="null"/> for clocks without one of their
    /// own: <see cref="DeadlineClock.Assigned"/> (the bureau sets it), <see cref="DeadlineClock.BureauDispositionAtLevel"/>
    /// (see <see cref="BureauDispositionAt"/>) and the hour clocks (see <see cref="HoursFor"/>).
    /// </summary>
    public Period? PeriodFor(DeadlineClock clock) => clock switch
    {
        DeadlineClock.BureauDisposition => BureauDisposition,
        DeadlineClock.NoticeOfReceiptDirect or DeadlineClock.NoticeOfReceiptForwarded => NoticeOfReceipt,
        DeadlineClock.ForwardObjection => ForwardObjection,
        DeadlineClock.Handling => Handling,
        DeadlineClock.Extension => Period.Days(MaxExtensionDays),
        DeadlineClock.ReviewRequest => ReviewRequestWindow,
        DeadlineClock.ReviewOpinion => ReviewOpinion,
        DeadlineClock.ReReviewRequest => ReReviewRequestWindow,
        DeadlineClock.ReReviewOpinion => ReReviewOpinion,
        DeadlineClock.SupervisionFeedback => SupervisionFeedback,
        DeadlineClock.RatingWindow => RatingWindow,
        _ => null,
    };

    /// <summary>The hour limit of an urgent clock, if this jurisdiction sets one.</summary>
    public int? HoursFor(DeadlineClock clock) => clock switch
    {
        DeadlineClock.UrgentForward => UrgentForwardHours,
        DeadlineClock.UrgentAnswer => UrgentAnswerHours,
        _ => null,
    };

    /// <summary>
    /// The disposition period of a bureau at <paramref name="level"/>: its share [P] when the split is on,
    /// else the whole Art. 22 period.
    /// </summary>
    public Period BureauDispositionAt(DispositionLevel level) => !SplitBureauDispositionByLevel
        ? BureauDisposition
        : level switch
        {
            DispositionLevel.National => BureauDispositionNational,
            DispositionLevel.Province => BureauDispositionProvince,
            DispositionLevel.City => BureauDispositionCity,
            DispositionLevel.County => BureauDispositionCounty,
            _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
        };

    /// <summary>This policy with the values an override sets; the values it leaves null are kept.</summary>
    public DeadlinePolicy With(PolicyOverride change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return new DeadlinePolicy
        {
            BureauDisposition = Positive(change.BureauDisposition) ?? BureauDisposition,
            SplitBureauDispositionByLevel = change.SplitBureauDispositionByLevel ?? SplitBureauDispositionByLevel,
            BureauDispositionNational = Positive(change.BureauDispositionNational) ?? BureauDispositionNational,
            BureauDispositionProvince = Positive(change.BureauDispositionProvince) ?? BureauDispositionProvince,
            BureauDispositionCity = Positive(change.BureauDispositionCity) ?? BureauDispositionCity,
            BureauDispositionCounty = Positive(change.BureauDispositionCounty) ?? BureauDispositionCounty,
            NoticeOfReceipt = Positive(change.NoticeOfReceipt) ?? NoticeOfReceipt,
            ForwardObjection = Positive(change.ForwardObjection) ?? ForwardObjection,
            Handling = Positive(change.Handling) ?? Handling,
            MaxExtensionDays = NotNegative(change.MaxExtensionDays) ?? MaxExtensionDays,
            MaxExtensions = NotNegative(change.MaxExtensions) ?? MaxExtensions,
            ReviewRequestWindow = Positive(change.ReviewRequestWindow) ?? ReviewRequestWindow,
            ReviewOpinion = Positive(change.ReviewOpinion) ?? ReviewOpinion,
            ReReviewRequestWindow = Positive(change.ReReviewRequestWindow) ?? ReReviewRequestWindow,
            ReReviewOpinion = Positive(change.ReReviewOpinion) ?? ReReviewOpinion,
            SupervisionFeedback = Positive(change.SupervisionFeedback) ?? SupervisionFeedback,
            RatingWindow = Positive(change.RatingWindow) ?? RatingWindow,
            UrgentForwardHours = NotNegative(change.UrgentForwardHours) ?? UrgentForwardHours,
            UrgentAnswerHours = NotNegative(change.UrgentAnswerHours) ?? UrgentAnswerHours,
            RollForwardRestDay = change.RollForwardRestDay ?? RollForwardRestDay,
            MaxBackdatingDays = NotNegative(change.MaxBackdatingDays) ?? MaxBackdatingDays,
        };

        Period? Positive(Period? period) => period is { Length: <= 0 } bad
            ? throw new ArgumentException($"{change.Jurisdiction}：期限必须为正数，却是 {bad}", nameof(change))
            : period;

        int? NotNegative(int? value) => value is < 0
            ? throw new ArgumentException($"{change.Jurisdiction}：数值不能为负，却是 {value}", nameof(change))
            : value;
    }

    /// <summary>
    /// The effective policy of a jurisdiction: the national values, then each override from the top
    /// down (province → city → county); a lower level's value wins over a higher one's (domain.md §2).
    /// </summary>
    public static DeadlinePolicy Resolve(IEnumerable<PolicyOverride> fromTopDown)
    {
        ArgumentNullException.ThrowIfNull(fromTopDown);
        return fromTopDown.Aggregate(National, (policy, change) => policy.With(change));
    }
}

/// <summary>
/// What one jurisdiction (a province, city or county) changes of the policy above it. A null value
/// inherits. Hour limits can be set but not removed by a lower level.
/// </summary>
/// <param name="Jurisdiction">Who set it (e.g. "浙江省"), for error messages and audit.</param>
public sealed record PolicyOverride(string Jurisdiction)
{
    public Period? BureauDisposition { get; init; }

    public bool? SplitBureauDispositionByLevel { get; init; }

    public Period? BureauDispositionNational { get; init; }

    public Period? BureauDispositionProvince { get; init; }

    public Period? BureauDispositionCity { get; init; }

    public Period? BureauDispositionCounty { get; init; }

    public Period? NoticeOfReceipt { get; init; }

    public Period? ForwardObjection { get; init; }

    public Period? Handling { get; init; }

    public int? MaxExtensionDays { get; init; }

    public int? MaxExtensions { get; init; }

    public Period? ReviewRequestWindow { get; init; }

    public Period? ReviewOpinion { get; init; }

    public Period? ReReviewRequestWindow { get; init; }

    public Period? ReReviewOpinion { get; init; }

    public Period? SupervisionFeedback { get; init; }

    public Period? RatingWindow { get; init; }

    public int? UrgentForwardHours { get; init; }

    public int? UrgentAnswerHours { get; init; }

    public bool? RollForwardRestDay { get; init; }

    public int? MaxBackdatingDays { get; init; }
}
