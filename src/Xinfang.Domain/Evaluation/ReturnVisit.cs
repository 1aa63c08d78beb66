using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Petitions;

namespace Xinfang.Domain.Evaluation;

/// <summary>Which body the petitioner rated: the 信访部门 or the 责任单位 (domain.md §8).</summary>
public enum RatedBody
{
    Bureau = 0,
    Unit = 1,
}

/// <summary>How a 回访 was made.</summary>
public enum ReturnVisitMethod
{
    /// <summary>当面回访 (the petitioner came in).</summary>
    InPerson = 0,
    /// <summary>电话回访.</summary>
    Phone = 1,
    /// <summary>上门回访.</summary>
    HomeVisit = 2,
    /// <summary>网上回访 (message, mail).</summary>
    Online = 3,
}

/// <summary>
/// 回访: a 不满意 rating of the bureau or the unit opens a return-visit task for the body rated
/// (domain.md §8 [S]: 不满意 triggers a follow-up); the body records when, by whom and how it
/// visited, what came of it and the petitioner's view afterwards. Nothing is deleted.
/// </summary>
public sealed class ReturnVisit
{
    public const int MaxTextLength = 4_000;

    private ReturnVisit()
    {
        PetitionNumber = DissatisfiedReason = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid PetitionId { get; private set; }

    public string PetitionNumber { get; private set; }

    /// <summary>The body rated 不满意, which owes the visit.</summary>
    public Guid OrganizationId { get; private set; }

    public RatedBody RatedBody { get; private set; }

    /// <summary>The petitioner's reason for 不满意.</summary>
    public string DissatisfiedReason { get; private set; }

    public DateOnly OpenedOn { get; private set; }

    public DateOnly? VisitedOn { get; private set; }

    /// <summary>Who made the visit (e.g. 局长 王某、科员 李某).</summary>
    public string? VisitedBy { get; private set; }

    public ReturnVisitMethod? Method { get; private set; }

    public string? Result { get; private set; }

    /// <summary>What the petitioner thinks after the visit.</summary>
    public string? PetitionerView { get; private set; }

    public string? RecordedById { get; private set; }

    public string? RecordedByName { get; private set; }

    public DateTimeOffset? RecordedAt { get; private set; }

    public int Version { get; private set; }

    public bool IsOpen => VisitedOn is null;

    /// <summary>
    /// The visits a rating opens: one for each body rated 不满意 in it. The bureau is the one that
    /// forwarded or assigned the item (else the registering body); the unit is the one that handled it.
    /// </summary>
    public static IReadOnlyList<ReturnVisit> OpenAfterRating(Petition petition, Satisfaction? bureau, Satisfaction? unit, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(petition);
        var opened = new List<ReturnVisit>();
        if (bureau == Satisfaction.Dissatisfied)
        {
            opened.Add(New(petition, RatedBody.Bureau, petition.DispatchingOrganizationId ?? petition.RegisteringOrganizationId, petition.BureauRatingReason, now));
        }

        if (unit == Satisfaction.Dissatisfied)
        {
            opened.Add(New(petition, RatedBody.Unit, petition.HandlingOrganizationId ?? petition.CurrentOrganizationId, petition.UnitRatingReason, now));
        }

        return opened;
    }

    /// <summary>The result of the visit, recorded once by the body that owes it.</summary>
    public void RecordResult(DateOnly visitedOn, string visitedBy, ReturnVisitMethod method, string result, string petitionerView, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        Require(IsOpen, "return-visit-recorded", "该回访已登记结果");
        Require(Enum.IsDefined(method), "method-invalid", "回访方式无效");
        Require(!string.IsNullOrWhiteSpace(visitedBy) && visitedBy.Length <= 200, "visitedBy-required", "回访人不能为空（不超过200字）");
        Require(!string.IsNullOrWhiteSpace(result) && result.Length <= MaxTextLength, "result-required", $"回访情况不能为空（不超过{MaxTextLength}字）");
        Require(!string.IsNullOrWhiteSpace(petitionerView) && petitionerView.Length <= MaxTextLength, "petitionerView-required", $"信访人意见不能为空（不超过{MaxTextLength}字）");
        Require(visitedOn >= OpenedOn, "visited-before-opened", $"回访日期不能早于不满意评价日期（{OpenedOn:yyyy-MM-dd}）");
        Require(visitedOn <= DeadlineTime.LocalDate(now), "visited-in-future", "回访日期不能晚于今天");
        VisitedOn = visitedOn;
        VisitedBy = visitedBy.Trim();
        Method = method;
        Result = result.Trim();
        PetitionerView = petitionerView.Trim();
        RecordedById = actor.UserId;
        RecordedByName = actor.Name;
        RecordedAt = now;
        Version++;
    }

    public static string NameOf(RatedBody body) => body == RatedBody.Bureau ? "信访部门" : "责任单位";

    public static string NameOf(ReturnVisitMethod method) => method switch
    {
        ReturnVisitMethod.InPerson => "当面回访",
        ReturnVisitMethod.Phone => "电话回访",
        ReturnVisitMethod.HomeVisit => "上门回访",
        _ => "网上回访",
    };

    private static ReturnVisit New(Petition petition, RatedBody body, Guid organizationId, string? reason, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        PetitionId = petition.Id,
        PetitionNumber = petition.Number,
        OrganizationId = organizationId,
        RatedBody = body,
        DissatisfiedReason = reason ?? string.Empty,
        OpenedOn = DeadlineTime.LocalDate(now),
    };

    private static void Require(bool condition, string code, string message)
    {
        if (!condition)
        {
            throw new DomainRuleViolation(code, message);
        }
    }
}
