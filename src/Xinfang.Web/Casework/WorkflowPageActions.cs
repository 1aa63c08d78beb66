using System.Globalization;
using Xinfang.Domain.Petitions;
using Xinfang.Web.Common;
using static Xinfang.Web.Common.FormFields;

namespace Xinfang.Web.Casework;

/// <summary>
/// The petition page's forms of the workflow steps (wb-workflow, issue 13), read from <see cref="PetitionActionForm"/>
/// into each use case's request and handed to the method its API endpoint calls.
/// </summary>
public sealed class WorkflowPageActions(
    CorrectRegistration correct,
    VoidRegistration @void,
    DraftDecision draft,
    ReturnDecision @return,
    SignOffDecision signOff,
    RequestExtension requestExtension,
    ApproveExtension approveExtension,
    RefuseExtension refuseExtension)
{
    /// <summary>Acts, or answers the unreadable fields without calling the use case (nothing saved).</summary>
    public async Task<ActOutcome> ActAsync(Guid id, PetitionAction action, PetitionActionForm form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        var typed = new RequestErrors();
        Func<Task<ActOutcome>> run = action switch
        {
            PetitionAction.CorrectRegistration => Typed(ToCorrect(form, typed), r => correct.CorrectAsync(id, r, ct)),
            PetitionAction.VoidRegistration => Typed(new VoidRegistration.Request(Trimmed(form.Reason)), r => @void.VoidAsync(id, r, ct)),
            PetitionAction.DraftDecision => Typed(
                new DecidePetition.Request(Pick<DecisionOutcome>(form.Outcome, "outcome", "处理意见", typed), Trimmed(form.PetitionerRequest), Trimmed(form.Facts), Trimmed(form.Reasons), Trimmed(form.LegalBasis)),
                r => draft.DraftAsync(id, r, ct)),
            PetitionAction.ReturnDecision => Typed(new ReturnDecision.Request(Trimmed(form.Reason)), r => @return.ReturnAsync(id, r, ct)),
            PetitionAction.SignOffDecision => Typed(new SignOffDecision.Request(Occurred(form, typed)), r => signOff.SignAsync(id, r, ct)),
            PetitionAction.RequestExtension => Typed(new RequestExtension.Request(Number(form.Days, "days", "延期天数", typed), Trimmed(form.Reason)), r => requestExtension.RequestAsync(id, r, ct)),
            PetitionAction.ApproveExtension => Typed(new ApproveExtension.Request(Occurred(form, typed)), r => approveExtension.ApproveAsync(id, r, ct)),
            PetitionAction.RefuseExtension => Typed(new RefuseExtension.Request(Trimmed(form.Reason)), r => refuseExtension.RefuseAsync(id, r, ct)),
            _ => () => Task.FromResult(ActOutcome.Forbidden($"“{Lifecycle.NameOf(action)}”暂不能在页面上办理")),
        };
        return typed.Any ? ActOutcome.Invalid(typed) : await run();
    }

    /// <summary>
    /// The correction form shows the registration's present values, so what is posted is the whole record: a field
    /// equal to the present one changes nothing (the domain compares). The petitioner's details are not shown in
    /// full there (personal data, domain.md §12): a blank one stays as it is.
    /// </summary>
    private static CorrectRegistration.Request ToCorrect(PetitionActionForm f, RequestErrors errors)
    {
        var name = Trimmed(f.CorrectPetitionerName);
        var id = Trimmed(f.CorrectPetitionerIdNumber);
        var phone = Trimmed(f.CorrectPetitionerPhone);
        var address = Trimmed(f.CorrectPetitionerAddress);
        List<CorrectRegistration.PetitionerPatch>? people = name is null && id is null && phone is null && address is null
            ? null
            : [new CorrectRegistration.PetitionerPatch(0, name, null, id, phone, address)];
        return new CorrectRegistration.Request(
            Title: f.CorrectTitle ?? string.Empty,
            Content: f.CorrectContent ?? string.Empty,
            Form: string.IsNullOrWhiteSpace(f.CorrectForm) ? null : Pick<PetitionForm>(f.CorrectForm, "form", "信访形式", errors),
            ContentClassCode: f.CorrectContentClassCode?.Trim() ?? string.Empty,
            IssueLocationCode: f.CorrectIssueLocationCode?.Trim() ?? string.Empty,
            LitigationRelated: IsOn(f.CorrectLitigationRelated),
            SkippedLevel: IsOn(f.CorrectSkippedLevel),
            Collective: IsOn(f.CorrectCollective),
            HeadCount: Number(f.CorrectHeadCount, "headCount", "人次", errors),
            Petitioners: people);
    }

    private static DateOnly? Occurred(PetitionActionForm f, RequestErrors errors)
    {
        if (string.IsNullOrWhiteSpace(f.OccurredOn))
        {
            return null;
        }

        if (DateOnly.TryParseExact(f.OccurredOn.Trim(), PetitionActionForm.DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        errors.Add("occurredOn", "发生日期格式不正确（应为 年-月-日）");
        return null;
    }

    private static Func<Task<ActOutcome>> Typed<TRequest>(TRequest request, Func<TRequest, Task<ActOutcome>> act) => () => act(request);
}
