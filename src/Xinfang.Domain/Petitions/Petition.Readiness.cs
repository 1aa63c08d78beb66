namespace Xinfang.Domain.Petitions;

/// <summary>Steps the state allows but that wait on something: a draft to sign, a request to decide, an untouched registration.</summary>
public sealed partial class Petition
{
    /// <summary>
    /// Whether <paramref name="action"/>, allowed in this state by the lifecycle table, has what it needs on this item:
    /// 签发/退回 a draft, 批准/不批准 a pending extension request, 申请延期 only when none waits, 更正/作废 only while
    /// nothing has been done. The workbench offers only these; the methods refuse the others with the reason (409).
    /// </summary>
    public bool IsReadyFor(PetitionAction action) => action switch
    {
        PetitionAction.SignOffDecision => HasDraftDecision && DraftReturnedBecause is null,
        PetitionAction.ReturnDecision => HasDraftDecision && DraftReturnedBecause is null,
        PetitionAction.ApproveExtension or PetitionAction.RefuseExtension => ExtensionPending,
        PetitionAction.RequestExtension => !ExtensionPending,
        PetitionAction.CorrectRegistration or PetitionAction.VoidRegistration => NothingDoneSinceRegistration,
        _ => true,
    };
}
