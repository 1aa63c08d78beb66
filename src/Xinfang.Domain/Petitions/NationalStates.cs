namespace Xinfang.Domain.Petitions;

/// <summary>The 15 states of the national petition information system [P] (domain.md §4).</summary>
public enum NationalState
{
    受理申请审查中,
    不予受理,
    受理,
    已作出处理意见,
    超期未作出处理意见,
    不再受理,
    超期未申请复查,
    复查,
    提出复查意见,
    超期未作出复查意见,
    超期未申请复核,
    复核,
    提出复核意见,
    超期未作出复核意见,
    审核认定办结,
}

/// <summary>Maps each internal state onto the national one. Overdue variants depend on the current clock.</summary>
public static class NationalStates
{
    public static NationalState Of(PetitionState state, bool overdue = false) => state switch
    {
        PetitionState.Registered or PetitionState.Forwarded or PetitionState.Assigned or PetitionState.ObjectionRaised => NationalState.受理申请审查中,
        PetitionState.Accepted or PetitionState.Handling => overdue ? NationalState.超期未作出处理意见 : NationalState.受理,
        PetitionState.Decided => NationalState.已作出处理意见,
        PetitionState.Served => overdue ? NationalState.超期未申请复查 : NationalState.已作出处理意见,
        PetitionState.GuidedToPoliticalLegal or PetitionState.Declined => NationalState.不予受理,
        PetitionState.RefusedAgain => NationalState.不再受理,
        PetitionState.UnderReview => overdue ? NationalState.超期未作出复查意见 : NationalState.复查,
        PetitionState.ReviewOpinionServed => overdue ? NationalState.超期未申请复核 : NationalState.提出复查意见,
        PetitionState.UnderReReview => overdue ? NationalState.超期未作出复核意见 : NationalState.复核,
        PetitionState.ReReviewOpinionServed => NationalState.提出复核意见,
        // A voided registration is never reported (it counts nowhere); it names the state it was voided in.
        PetitionState.Voided => NationalState.受理申请审查中,
        _ => NationalState.审核认定办结,
    };
}
