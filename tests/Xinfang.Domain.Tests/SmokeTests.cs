namespace Xinfang.Domain.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void A_rule_violation_carries_its_code()
    {
        var violation = new Xinfang.Domain.Petitions.DomainRuleViolation("state", "msg");
        Assert.Equal("state", violation.Code);
    }
}
