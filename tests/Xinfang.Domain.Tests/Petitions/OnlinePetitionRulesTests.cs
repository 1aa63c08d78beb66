using Xinfang.Domain.Petitions;

namespace Xinfang.Domain.Tests.Petitions;

public sealed class OnlinePetitionRulesTests
{
    [Theory]
    [InlineData(PetitionPurpose.Suggestion, PetitionCategory.Suggestion, true)]
    [InlineData(PetitionPurpose.Accusation, PetitionCategory.Accusation, true)]
    [InlineData(PetitionPurpose.Appeal, PetitionCategory.AppealOrDemand, false)]
    [InlineData(PetitionPurpose.Demand, PetitionCategory.AppealOrDemand, false)]
    [InlineData(PetitionPurpose.Inquiry, PetitionCategory.AppealOrDemand, false)]
    [InlineData(PetitionPurpose.Other, PetitionCategory.AppealOrDemand, false)]
    public void Only_suggestions_and_accusations_may_be_anonymous(PetitionPurpose purpose, PetitionCategory category, bool anonymous)
    {
        Assert.Equal(category, OnlinePetitionRules.CategoryOf(purpose));
        Assert.Equal(anonymous, OnlinePetitionRules.MayBeAnonymous(OnlinePetitionRules.CategoryOf(purpose)));
    }
}
