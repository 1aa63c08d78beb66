using Xinfang.Domain.Organizations;

namespace Xinfang.Domain.Petitions;

/// <summary>
/// 条例 Art. 30 ¶3: 检举控告 material is never passed to the person or body accused, and the
/// complainant's identity is kept confidential. The one rule that routing (转送, 交办, 复查/复核
/// targets, supervision addressees) and viewing both ask.
/// <para>
/// "The accused body or any body under it" means the accused body's subtree in the organisation
/// tree: the accused body itself and every body below it (a street office under an accused district
/// government is part of that government and learns what it learns). Bodies above the accused — the
/// bureau or government at the level above, which is who handles accusations against lower units —
/// and bodies beside it are not under it and may receive and see the item (docs/domain/accusations.md).
/// </para>
/// </summary>
public static class AccusationRules
{
    public const string AccusedBodyRequired = "检举控告类信访事项须从组织机构中选择被检举控告的单位（《信访工作条例》第三十条第三款）";

    public const string NotToAccused = "不得将检举、揭发材料转给被检举、揭发的单位或其下属单位（《信访工作条例》第三十条第三款）";

    /// <summary>
    /// An accusation names the accused body, picked from the organisation tree, so that the rule
    /// below has something to keep it from (Art. 30 ¶3); accused persons are free text.
    /// </summary>
    public static bool NamesAccusedBody(PetitionCategory category, Guid? accusedOrganizationId) =>
        category != PetitionCategory.Accusation || accusedOrganizationId is not null;

    /// <summary>Whether <paramref name="organization"/> is the accused body of this accusation or a body under it (Art. 30 ¶3).</summary>
    public static bool IsKeptFrom(this Petition petition, Guid organization, IOrganizationTree tree)
    {
        ArgumentNullException.ThrowIfNull(petition);
        ArgumentNullException.ThrowIfNull(tree);
        return petition.Category == PetitionCategory.Accusation
            && petition.AccusedOrganizationId is { } accused
            && (organization == accused || tree.IsWithin(organization, accused));
    }
}
