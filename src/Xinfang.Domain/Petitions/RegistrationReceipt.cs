using Xinfang.Domain.Deadlines;

namespace Xinfang.Domain.Petitions;

/// <summary>The first legal time limit the 登记回执 tells the petitioner about: by when, and what is owed then.</summary>
public sealed record FirstStepLimit(DateOnly DueOn, Period Period, string Article, string Duty);

/// <summary>What the 登记回执 (registration receipt) promises, taken from the item's own clocks, never from a constant.</summary>
public static class RegistrationReceipt
{
    /// <summary>
    /// The clock started at registration (Petition.Register): at a petition bureau the 15 days of
    /// 条例 Art. 22 to forward, assign or answer; at another body receiving directly the 15 days of
    /// Art. 23 ¶2 to tell the petitioner in writing how it is taken up. Its period and due day are the
    /// item's own (a jurisdiction may split Art. 22's days by level). Null when no such clock runs:
    /// Art. 23 ¶2 owes no notice when the petitioner's name or address is unclear.
    /// </summary>
    public static FirstStepLimit? FirstStep(Petition petition)
    {
        ArgumentNullException.ThrowIfNull(petition);
        var clock = petition.Deadlines
            .Where(d => d.Kind is DeadlineKind.BureauDisposition or DeadlineKind.NoticeOfReceipt)
            .OrderBy(d => d.StartedOn).FirstOrDefault();
        return clock?.Kind switch
        {
            DeadlineKind.BureauDisposition => new FirstStepLimit(clock.DueOn, clock.Period, "《信访工作条例》第二十二条",
                "信访部门区分情况作出处理：转送、交办有权处理的机关、单位，或者直接答复，并告知您去向"),
            DeadlineKind.NoticeOfReceipt => new FirstStepLimit(clock.DueOn, clock.Period, "《信访工作条例》第二十三条第二款",
                "书面告知您接收情况以及处理途径和程序（是否受理）"),
            _ => null,
        };
    }
}
