using Xinfang.Domain.Petitions;
using static Xinfang.Domain.Tests.Statistics.StatisticsWorld;

namespace Xinfang.Domain.Tests.Statistics;

/// <summary>
/// The second hand-computed world of issue 12 (stats-reviews): 复查/复核 outcomes, 进京/赴省访 and a 化解情况
/// recorded after the sweeper closed the item, for March 2026 computed on 2026-04-20. Worked out in
/// <c>ReviewsAndVisitsTests</c>; the Web tests load it into SQLite and PostgreSQL (<c>ReviewsAndVisitsApiTests</c>).
/// </summary>
public static class ReviewsWorld
{
    /// <summary>The items, in this order (indexes used by the tests).</summary>
    public enum Item
    {
        /// <summary>Served Feb 20; 复查 asked Mar 2, 维持 Mar 10; 复核 asked Mar 12, 撤销 Mar 20.</summary>
        R1,
        /// <summary>Served Feb 1; 复查 asked Feb 20, 变更 Mar 5.</summary>
        R2,
        /// <summary>Served Mar 1; 复查 asked Mar 25, 撤销 Apr 2 (April: not in March's outcomes).</summary>
        R3,
        /// <summary>Served Feb 25; 复查 asked Mar 8, opinion Mar 15 recorded without an outcome (as before ADR 0084).</summary>
        R4,
        /// <summary>进京访 received Mar 3: 2 batches, 5 people.</summary>
        V1,
        /// <summary>赴省访 received Mar 10: 1 batch, 3 people.</summary>
        V2,
        /// <summary>赴省访 received Feb 27 (February).</summary>
        V3,
        /// <summary>Served Feb 1; the 复查 window (due Mar 3) lapsed, the sweeper closed it Mar 5 without a 化解情况.</summary>
        X1,
    }

    /// <summary>Builds the world; <paramref name="recordAfterClosing"/>: X1 then gets 化解 recorded on Apr 2.</summary>
    public static StatisticsWorld Build(Guid? parent = null, string tag = "", bool recordAfterClosing = true)
    {
        var w = new StatisticsWorld(parent, tag);
        Petition Served(DateOnly served)
        {
            var p = w.Register(D(1, 5));
            w.Forward(p, w.Housing, D(1, 6));
            w.Take(p, w.Housing, D(1, 8));
            w.Reply(p, w.Housing, served.AddDays(-1), served);
            return p;
        }

        void Review(Petition p, DateOnly asked, DateOnly answered, ReviewOutcome? outcome)
        {
            p.RequestReview(w.Government, w.Tree, "补贴金额计算有误", Actor.Petitioner(w.Bureau.Id), At(asked));
            p.IssueReviewOpinion("经复查，意见如下。", answered, w.ReviewOfficer, At(answered), outcome: outcome);
        }

        var r1 = Served(D(2, 20));
        Review(r1, D(3, 2), D(3, 10), ReviewOutcome.Upheld);
        r1.RequestReReview(w.Province, w.Tree, "不服复查意见", Actor.Petitioner(w.Bureau.Id), At(D(3, 12)));
        r1.IssueReReviewOpinion("经复核，意见如下。", D(3, 20), false, w.ReReviewOfficer, At(D(3, 20)), outcome: ReviewOutcome.Revoked);
        Review(Served(D(2, 1)), D(2, 20), D(3, 5), ReviewOutcome.Changed);
        Review(Served(D(3, 1)), D(3, 25), D(4, 2), ReviewOutcome.Revoked);
        Review(Served(D(2, 25)), D(3, 8), D(3, 15), null);
        w.Register(D(3, 3), PetitionForm.Visit, headCount: 5, batches: 2, destination: SkipLevelDestination.Capital);
        w.Register(D(3, 10), PetitionForm.Visit, headCount: 3, destination: SkipLevelDestination.Province);
        w.Register(D(2, 27), PetitionForm.Visit, headCount: 4, destination: SkipLevelDestination.Province);
        var x1 = Served(D(2, 1));
        Assert.True(x1.CloseIfWindowLapsed(new Actor("system", "系统（期限届满）", x1.CurrentOrganizationId), At(D(3, 5))));
        if (recordAfterClosing)
        {
            x1.RecordResolutionAfterClosing(Resolution.Resolved, "补贴已补发，信访人表示接受", w.BureauOfficer, At(D(4, 2)));
        }

        return w;
    }
}
