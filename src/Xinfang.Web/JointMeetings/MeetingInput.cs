using Xinfang.Web.Common;
using Xinfang.Web.Duty;

namespace Xinfang.Web.JointMeetings;

/// <summary>The joint-meeting pages' forms, every field a string.</summary>
public sealed class MeetingInput
{
    public string? HeldOn { get; set; }

    public string? Topic { get; set; }

    public string? Text { get; set; }

    public string? Owner { get; set; }

    public string? DueOn { get; set; }

    public string? Numbers { get; set; }

    public JointMeetingDesk.MeetingRequest ToMeeting(RequestErrors errors) => new(DutyInput.Date(HeldOn, "heldOn", "会议日期", errors), FormFields.Trimmed(Topic));

    public JointMeetingDesk.DecisionRequest ToDecision(RequestErrors errors) =>
        new(FormFields.Trimmed(Text), FormFields.Id(Owner, "ownerOrganizationId", "请选择本辖区内的落实单位", errors), DutyInput.Date(DueOn, "dueOn", "落实期限", errors), ItemLinks.Split(Numbers));

    public JointMeetingDesk.NoteRequest ToNote() => new(FormFields.Trimmed(Text));
}
