namespace Xinfang.Domain.Petitions;

/// <summary>
/// What an online petition (网上信访, 条例 Arts. 17, 21) may be, before it is registered like any other item.
/// </summary>
public static class OnlinePetitionRules
{
    public const string AnonymousNotAllowed = "只有意见建议和检举控告可以匿名提出；申诉、求决等事项须留下真实姓名、身份证号码和电话，以便书面答复";

    /// <summary>The category a petitioner's purpose (信访目的) falls in: 建议 → 建议意见类 (Art. 29), 检举控告 → 检举控告类 (Art. 30), the rest → 申诉求决类 (Art. 31).</summary>
    public static PetitionCategory CategoryOf(PetitionPurpose purpose) => purpose switch
    {
        PetitionPurpose.Suggestion => PetitionCategory.Suggestion,
        PetitionPurpose.Accusation => PetitionCategory.Accusation,
        _ => PetitionCategory.AppealOrDemand,
    };

    /// <summary>
    /// Anonymous only for suggestions (Art. 29) and accusations (Art. 30): both can be acted on without
    /// knowing who wrote. An appeal or demand (Art. 31) ends in a written decision served on the
    /// petitioner (Art. 32), which needs a person to serve it on. An anonymous item gets no written answer.
    /// </summary>
    public static bool MayBeAnonymous(PetitionCategory category) => category is PetitionCategory.Suggestion or PetitionCategory.Accusation;
}
