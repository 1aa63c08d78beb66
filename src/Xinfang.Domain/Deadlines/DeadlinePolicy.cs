namespace Xinfang.Domain.Deadlines;

/// <summary>
/// The numbers of a jurisdiction: every period the regulation sets, with the national 条例 values as
/// default. Provinces may override (Zhejiang and Henan set their own handling periods).
/// </summary>
public sealed record DeadlinePolicy
{
    /// <summary>The national values of the 信访工作条例 (2022).</summary>
    public static DeadlinePolicy National { get; } = new();

    /// <summary>条例 Art. 22: the bureau forwards, assigns or answers within 15 days of receipt.</summary>
    public Period BureauDisposition { get; init; } = Period.Days(15);

    /// <summary>条例 Art. 23 ¶2–3: written notice of receipt within 15 days.</summary>
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

    /// <summary>Rating window after the reply is served [P, 国信发〔2022〕11号]: configurable.</summary>
    public Period RatingWindow { get; init; } = Period.Days(30);

    /// <summary>Whether a last day falling on a rest day rolls to the next working day. Off by default [P].</summary>
    public bool RollForwardRestDay { get; init; }
}
