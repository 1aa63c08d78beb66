using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Legal;
using Xinfang.Domain.Petitions;
using Xinfang.Web.Audit;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;

namespace Xinfang.Web.Legal;

/// <summary>
/// 案审 "三到位一处理" (issue 14), for the API and the <c>/case-reviews</c> pages: a structured review of an important
/// item the caller may see, by named officials on a day, with a finding for each of the four points and a conclusion.
/// </summary>
public sealed class CaseReviewDesk(AppDbContext db, CurrentStaff staff, PetitionGuard guard, TimeProvider clock, AuditLog audit)
{
    public sealed record FindingRequest(bool? Applies, string? Done);

    public sealed record ReviewRequest(Guid? PetitionId, string? PetitionNumber, string? Reviewers, DateOnly? ReviewedOn,
        FindingRequest? Reasonable, FindingRequest? Unreasonable, FindingRequest? Hardship, FindingRequest? Unlawful, ReviewConclusion? Conclusion, string? Note);

    public bool MayRecord => staff.IsSignedIn && LegalRules.MayRecord(staff.Role);

    public async Task<LegalAnswer<CaseReviewView>> RecordAsync(ReviewRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        if (!MayRecord)
        {
            return LegalAnswers.Forbidden<CaseReviewView>(LegalRules.NotRecording);
        }

        var errors = LegalRules.ItemFields(new RequestErrors(), r.PetitionId, r.PetitionNumber)
            .Text(r.Reviewers, "reviewers", "案审人员", CaseReview.MaxReviewersLength)
            .Text(r.Note, "note", "案审说明", CaseReview.MaxNoteLength, required: false)
            .Defined(r.Conclusion, "conclusion", "案审结论")
            .Date(r.ReviewedOn, "reviewedOn", "案审日期");
        if (r.Conclusion is null)
        {
            errors.Add("conclusion", "请选择案审结论（可以办结、继续办理或提交联席会议）");
        }

        var findings = new List<ReviewFinding>();
        foreach (var (point, f) in new[] { (ReviewPoint.ReasonableSolved, r.Reasonable), (ReviewPoint.UnreasonableEducated, r.Unreasonable), (ReviewPoint.HardshipAssisted, r.Hardship), (ReviewPoint.UnlawfulHandled, r.Unlawful) })
        {
            var field = CaseReview.PointField(point);
            if (f?.Applies is not { } applies)
            {
                errors.Add(field, $"请对“{CaseReview.NameOf(point)}”作出认定（适用或不适用）");
                continue;
            }

            errors.Text(f.Done, $"{field}.done", "采取的措施", CaseReview.MaxDoneLength, required: false);
            findings.Add(new ReviewFinding(point, applies, f.Done));
        }

        if (errors.Any)
        {
            return LegalAnswers.Invalid<CaseReviewView>(errors);
        }

        var item = await LegalRules.FindItemAsync(guard, r.PetitionId, r.PetitionNumber, ct);
        if (item is null)
        {
            return LegalAnswers.NotFound<CaseReviewView>("信访件");
        }

        try
        {
            var today = DeadlineTime.LocalDate(clock.GetUtcNow());
            var review = CaseReview.Record(Guid.CreateVersion7(), item.Id, staff.OrganizationId, r.Reviewers!, r.ReviewedOn ?? today, findings, r.Conclusion!.Value, r.Note, staff.Actor, today, clock.GetUtcNow());
            db.Add(review);
            await audit.SaveAsync(db, AuditActors.Draft(staff, LegalDesk.AuditKind, item.Id.ToString(), item.Number, $"案审：{CaseReview.NameOf(review.Conclusion)}（{review.Reviewers}）"), ct);
            return LegalAnswers.Done<CaseReviewView>(CaseReviewView.From(review, item.Number, item.Title));
        }
        catch (DomainRuleViolation e)
        {
            db.ChangeTracker.Clear();
            return LegalAnswers.Invalid<CaseReviewView>(e.Field ?? "body", e.Message);
        }
    }

    public async Task<CaseReviewView?> FindAsync(Guid id, CancellationToken ct)
    {
        var found = await (from c in db.Set<CaseReview>().AsNoTracking()
                           join p in guard.Petitions on c.PetitionId equals p.Id
                           where c.Id == id
                           select new { c, p.Number, p.Title }).SingleOrDefaultAsync(ct);
        return found is null ? null : CaseReviewView.From(found.c, found.Number, found.Title);
    }

    /// <summary>The reviews of the items the caller may see (or of one), newest first.</summary>
    public async Task<IReadOnlyList<CaseReviewView>> ListAsync(Guid? petitionId, CancellationToken ct)
    {
        var rows = await (from c in db.Set<CaseReview>().AsNoTracking()
                          join p in guard.Petitions on c.PetitionId equals p.Id
                          where petitionId == null || c.PetitionId == petitionId
                          orderby c.RecordedAt descending
                          select new { c, p.Number, p.Title }).Take(LegalDesk.MaxListed).ToListAsync(ct);
        return rows.Select(x => CaseReviewView.From(x.c, x.Number, x.Title)).ToList();
    }
}
