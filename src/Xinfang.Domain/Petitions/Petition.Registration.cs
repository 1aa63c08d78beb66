using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Organizations;

namespace Xinfang.Domain.Petitions;

/// <summary>What the registrar records when anything is received (条例 Art. 19, 22).</summary>
public sealed record PetitionIntake(
    PetitionForm Form,
    DateTimeOffset ReceivedAt,
    string Title,
    string Content,
    IReadOnlyList<PetitionerInfo> Petitioners,
    PetitionCategory Category = PetitionCategory.AppealOrDemand,
    PetitionPurpose Purpose = PetitionPurpose.Demand,
    bool Anonymous = false,
    bool Collective = false,
    int HeadCount = 1,
    int VisitBatches = 1,
    int? InvolvedCount = null,
    bool JointSignature = false,
    string? ContentClassCode = null,
    string? IssueLocationCode = null,
    string? Accused = null,
    bool Urgent = false,
    bool LitigationRelated = false,
    bool WithinDisciplineRemit = false,
    bool SkippedLevel = false,
    bool ConsentToPublish = false,
    Guid? FirstItemId = null,
    Guid? AccusedOrganizationId = null,
    SkipLevelDestination? SkipLevelDestination = null);

/// <summary>
/// 更正登记: the registration fields a registrar may correct while nothing has been done on the item
/// (<see cref="Petition.NothingDoneSinceRegistration"/>). Null leaves a field as it is; <see cref="Petitioners"/>,
/// when given, replaces the petitioners as a whole. Not correctable here: the day of receipt (the clocks
/// count from it), the category and the accused (条例 Art. 30 ¶3 keeps an accusation from the accused body:
/// a wrong category is voided and registered again), urgency (报告, <see cref="Petition.ReportUp"/>).
/// </summary>
public sealed record RegistrationCorrection(
    string? Title = null,
    string? Content = null,
    PetitionForm? Form = null,
    PetitionPurpose? Purpose = null,
    string? ContentClassCode = null,
    string? IssueLocationCode = null,
    bool? LitigationRelated = null,
    bool? WithinDisciplineRemit = null,
    bool? SkippedLevel = null,
    bool? Collective = null,
    bool? JointSignature = null,
    int? HeadCount = null,
    int? VisitBatches = null,
    int? InvolvedCount = null,
    bool? ConsentToPublish = null,
    IReadOnlyList<PetitionerInfo>? Petitioners = null);

/// <summary>Registration (登记), its correction (更正) and its voiding (作废).</summary>
public sealed partial class Petition
{
    /// <summary>The history actions that are registration itself, not work on the item (see <see cref="NothingDoneSinceRegistration"/>).</summary>
    private static readonly string[] RegistrationEvents =
        ["Register", nameof(PetitionAction.CorrectRegistration), SupplementAction, "Recompute"];

    /// <summary>作废的时间 and reason; null unless <see cref="State"/> is <see cref="PetitionState.Voided"/>.</summary>
    public DateTimeOffset? VoidedAt { get; private set; }

    public string? VoidReason { get; private set; }

    /// <summary>
    /// Nothing has been done on the item: it is still 已登记 with the body that registered it, and its history
    /// holds only registration events — the registration, its corrections, material the petitioner added and
    /// a recomputed calendar. Any step of casework (转送, 交办, 受理, 不予受理, 告知, 报告, 回避 …) ends the time
    /// in which a mistaken registration may be corrected or voided: from then on others have relied on it.
    /// </summary>
    public bool NothingDoneSinceRegistration =>
        State == PetitionState.Registered
        && CurrentOrganizationId == RegisteringOrganizationId
        && DispatchingOrganizationId is null
        && _history.All(h => RegistrationEvents.Contains(h.Action));

    /// <summary>
    /// 登记. Everything received is registered (条例 Art. 22, 44): this never refuses a petition, it
    /// only rejects malformed records (an empty text, a sixth representative).
    /// </summary>
    public static Petition Register(
        Guid id,
        string number,
        string queryCodeHash,
        Organization registeringOrganization,
        PetitionIntake intake,
        Actor registrar,
        DateTimeOffset now,
        DeadlinePolicy? policy = null,
        WorkingCalendar? calendar = null)
    {
        ArgumentNullException.ThrowIfNull(registeringOrganization);
        ArgumentNullException.ThrowIfNull(intake);
        Require(!string.IsNullOrWhiteSpace(intake.Title), "title-required", "标题/概况不能为空");
        Require(!string.IsNullOrWhiteSpace(intake.Content), "content-required", "诉求内容不能为空");
        Require(intake.Title.Length <= MaxTitleLength, "title-too-long", $"标题不能超过{MaxTitleLength}字");
        Require(intake.Content.Length <= MaxContentLength, "content-too-long", $"诉求内容不能超过{MaxContentLength}字");
        Require(intake.HeadCount >= 1 && intake.VisitBatches >= 1, "count-invalid", "人次与批次至少为1");
        Require(intake.Anonymous || intake.Petitioners.Count > 0, "petitioner-required", "非匿名信访须登记至少一名信访人");
        // 条例 Art. 20 ¶3: at most 5 representatives. The head count is separate and unlimited.
        Require(
            !(intake.Collective && intake.Form == PetitionForm.Visit) || intake.Petitioners.Count <= MaxRepresentatives,
            "too-many-representatives",
            $"集体访推选的代表不得超过{MaxRepresentatives}人（《信访工作条例》第二十条第三款），人数请填入人次");
        Require(now >= intake.ReceivedAt, "received-in-future", "收到时间不能晚于登记时间");
        if (SkipLevelRules.Refusal(intake.SkipLevelDestination, intake.Form, registeringOrganization.Level) is { } skipLevel)
        {
            throw skipLevel;
        }
        // 条例 Art. 30 ¶3: an accusation names the accused body, so it can be kept from it.
        Require(AccusationRules.NamesAccusedBody(intake.Category, intake.AccusedOrganizationId), "accused-body-required", AccusationRules.AccusedBodyRequired);

        var p = new Petition
        {
            Id = id,
            Number = number,
            QueryCodeHash = queryCodeHash,
            RegisteringOrganizationId = registeringOrganization.Id,
            RegisteringLevel = registeringOrganization.Level,
            CurrentOrganizationId = registeringOrganization.Id,
            RegisteredBy = registrar.Name,
            RegisteredAt = now,
            ReceivedAt = intake.ReceivedAt,
            ReceivedOn = DeadlineTime.LocalDate(intake.ReceivedAt),
            Form = intake.Form,
            Category = intake.Category,
            Purpose = intake.Purpose,
            Title = intake.Title.Trim(),
            Content = intake.Content.Trim(),
            Anonymous = intake.Anonymous,
            Collective = intake.Collective,
            JointSignature = intake.JointSignature,
            HeadCount = intake.HeadCount,
            VisitBatches = intake.Form == PetitionForm.Visit ? intake.VisitBatches : 1,
            InvolvedCount = intake.InvolvedCount,
            ContentClassCode = intake.ContentClassCode,
            IssueLocationCode = intake.IssueLocationCode,
            Accused = intake.Accused,
            Urgent = intake.Urgent,
            LitigationRelated = intake.LitigationRelated,
            WithinDisciplineRemit = intake.WithinDisciplineRemit,
            SkippedLevel = intake.SkippedLevel,
            SkipLevelDestination = intake.SkipLevelDestination,
            ConsentToPublish = intake.ConsentToPublish,
            FirstItemId = intake.FirstItemId,
            AccusedOrganizationId = intake.AccusedOrganizationId,
            State = PetitionState.Registered,
            Policy = policy ?? DeadlinePolicy.National,
            Calendar = calendar ?? WorkingCalendar.MondayToFriday,
        };
        if (!intake.Anonymous)
        {
            var ordinal = 0;
            foreach (var info in intake.Petitioners)
            {
                p._petitioners.Add(new Petitioner(info with { IsPrincipal = info.IsPrincipal || ordinal == 0 && !intake.Petitioners.Any(x => x.IsPrincipal) }, ordinal++));
            }
        }

        if (registeringOrganization.Kind == OrganizationKind.PetitionBureau)
        {
            // 条例 Art. 22: the bureau forwards, assigns or answers within 15 days of receipt.
            p.StartClock(DeadlineKind.BureauDisposition, p.ReceivedOn, p.DispositionPeriod(p.Policy), "收到");
        }
        else if (!p.IdentityUnclear)
        {
            // 条例 Art. 23 ¶2: a unit receiving a petition directly notifies within 15 days, unless the
            // name or address is unclear — then there is no duty, and so nothing can fall overdue.
            p.StartClock(DeadlineKind.NoticeOfReceipt, p.ReceivedOn, p.Policy.NoticeOfReceipt, "收到");
        }

        p.StartUrgentClock(now);

        var receipt = p.AddDocument(
            DocumentKind.RegistrationReceipt,
            "信访事项登记回执",
            $"您的信访事项已于{p.ReceivedOn:yyyy年M月d日}收到并登记，编号{number}。请凭编号和查询码查询办理进展。",
            DeadlineTime.LocalDate(now),
            Audience.Petitioner);
        p._history.Add(new HistoryEntry(1, now, registrar, "Register", null, PetitionState.Registered,
            $"登记{CodeNames.Of(p.Form)}：{p.Title}" + (p.Collective ? $"（集体访，{p.HeadCount}人次）" : string.Empty), receipt.Id,
            $"信访事项已登记（{CodeNames.Of(p.Form)}）", p.ReceivedOn));
        p.RefreshCurrentDeadline();
        return p;
    }

    /// <summary>
    /// 更正登记: a registration mistake (a wrong title, form, class, 问题属地, flag such as 涉法涉诉, head count,
    /// a petitioner's details) is corrected by the registering body while nothing has been done on the item.
    /// The same rules as at registration apply (条例 Art. 20 ¶3: at most 5 representatives of a collective visit).
    /// The history keeps every old and new value; petitioners' personal data is named, never quoted
    /// (domain.md §12). Returns what changed; a correction that changes nothing is refused.
    /// </summary>
    public IReadOnlyList<string> CorrectRegistration(RegistrationCorrection c, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(c);
        Guard(PetitionAction.CorrectRegistration);
        RequireUntouched(PetitionAction.CorrectRegistration);
        Require(c.Title is null || !string.IsNullOrWhiteSpace(c.Title), "title-required", "标题/概况不能为空");
        Require(c.Content is null || !string.IsNullOrWhiteSpace(c.Content), "content-required", "诉求内容不能为空");
        Require(c.Title is null || c.Title.Trim().Length <= MaxTitleLength, "title-too-long", $"标题不能超过{MaxTitleLength}字");
        Require(c.Content is null || c.Content.Trim().Length <= MaxContentLength, "content-too-long", $"诉求内容不能超过{MaxContentLength}字");
        Require(c.Form is null || Enum.IsDefined(c.Form.Value), "form-invalid", "信访形式无效");
        Require(c.Purpose is null || Enum.IsDefined(c.Purpose.Value), "purpose-invalid", "信访目的无效");
        Require(c.HeadCount is null or >= 1 && c.VisitBatches is null or >= 1, "count-invalid", "人次与批次至少为1");
        Require(c.InvolvedCount is null or >= 0, "count-invalid", "涉及人数不能为负数");
        Require(c.Petitioners is null || Anonymous || c.Petitioners.Count > 0, "petitioner-required", "非匿名信访须登记至少一名信访人");
        var form = c.Form ?? Form;
        var collective = c.Collective ?? Collective;
        var petitionerCount = c.Petitioners?.Count ?? _petitioners.Count;
        // 条例 Art. 20 ¶3: at most 5 representatives of a collective visit, as at registration.
        Require(!(collective && form == PetitionForm.Visit) || petitionerCount <= MaxRepresentatives,
            "too-many-representatives",
            $"集体访推选的代表不得超过{MaxRepresentatives}人（《信访工作条例》第二十条第三款），人数请填入人次");
        // 进京/赴省访 (ADR 0085) is a kind of visit: a correction that makes the item a letter keeps the rule of registration.
        Require(SkipLevelDestination is null || form == PetitionForm.Visit, "skip-level-needs-visit", "已登记为进京访或赴省访的信访件只能是来访，不能更正为其他信访形式");

        var changes = new List<string>();
        string Shown(string? v) => string.IsNullOrWhiteSpace(v) ? "（空）" : v;
        string YesNo(bool v) => v ? "是" : "否";
        T Change<T>(string label, T old, T? value, Func<T, string> show)
            where T : struct
        {
            if (value is { } v && !EqualityComparer<T>.Default.Equals(v, old))
            {
                changes.Add($"{label}：{show(old)} → {show(v)}");
                return v;
            }

            return old;
        }

        string? ChangeText(string label, string? old, string? value, bool quote = true)
        {
            if (value is null)
            {
                return old;
            }

            var v = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
            if (string.Equals(v, old, StringComparison.Ordinal))
            {
                return old;
            }

            changes.Add(quote ? $"{label}：{Shown(old)} → {Shown(v)}" : $"{label}已更正（{old?.Length ?? 0}字 → {v?.Length ?? 0}字）");
            return v;
        }

        Title = ChangeText("标题", Title, c.Title)!;
        Content = ChangeText("诉求内容", Content, c.Content, quote: false)!;
        Form = Change("信访形式", Form, c.Form, CodeNames.Of);
        Purpose = Change("信访目的", Purpose, c.Purpose, CodeNames.Of);
        ContentClassCode = ChangeText("内容分类", ContentClassCode, c.ContentClassCode);
        IssueLocationCode = ChangeText("问题属地", IssueLocationCode, c.IssueLocationCode);
        LitigationRelated = Change("涉法涉诉", LitigationRelated, c.LitigationRelated, YesNo);
        WithinDisciplineRemit = Change("属纪检监察受理", WithinDisciplineRemit, c.WithinDisciplineRemit, YesNo);
        SkippedLevel = Change("越级", SkippedLevel, c.SkippedLevel, YesNo);
        Collective = Change("集体访", Collective, c.Collective, YesNo);
        JointSignature = Change("联名信", JointSignature, c.JointSignature, YesNo);
        HeadCount = Change("人次", HeadCount, c.HeadCount, n => n.ToString(System.Globalization.CultureInfo.InvariantCulture));
        VisitBatches = Form == PetitionForm.Visit
            ? Change("批次", VisitBatches, c.VisitBatches, n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))
            : Change("批次", VisitBatches, (int?)1, n => n.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (c.InvolvedCount is { } involved && involved != InvolvedCount)
        {
            changes.Add($"涉及人数：{InvolvedCount?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "（空）"} → {involved}");
            InvolvedCount = involved;
        }

        ConsentToPublish = Change("同意公开", ConsentToPublish, c.ConsentToPublish, YesNo);
        if (c.Petitioners is not null && !Anonymous)
        {
            CorrectPetitioners(c.Petitioners, changes);
        }

        Require(changes.Count > 0, "correction-empty", "没有需要更正的内容");
        Transition(PetitionAction.CorrectRegistration, PetitionState.Registered, now);
        Record(actor, now, PetitionAction.CorrectRegistration, "更正登记：" + Clip(string.Join("；", changes), MaxNoteLength), null, null);
        return changes;
    }

    /// <summary>
    /// Petitioners replaced as a whole; the history names which details of which petitioner changed,
    /// never their values (ID numbers, phones and addresses are personal data, domain.md §12).
    /// </summary>
    private void CorrectPetitioners(IReadOnlyList<PetitionerInfo> infos, List<string> changes)
    {
        var updated = new List<Petitioner>();
        var ordinal = 0;
        foreach (var info in infos)
        {
            updated.Add(new Petitioner(info with { IsPrincipal = info.IsPrincipal || ordinal == 0 && !infos.Any(x => x.IsPrincipal) }, ordinal++));
        }

        for (var i = 0; i < Math.Max(updated.Count, _petitioners.Count); i++)
        {
            var before = i < _petitioners.Count ? _petitioners[i] : null;
            var after = i < updated.Count ? updated[i] : null;
            if (before is null)
            {
                changes.Add($"增加信访人{i + 1}");
                continue;
            }

            if (after is null)
            {
                changes.Add($"删除信访人{i + 1}");
                continue;
            }

            var fields = new List<string>();
            void Check(string label, string? a, string? b)
            {
                if (!string.Equals(a ?? string.Empty, b ?? string.Empty, StringComparison.Ordinal))
                {
                    fields.Add(label);
                }
            }

            Check("姓名", before.Name, after.Name);
            Check("证件类型", before.IdType.ToString(), after.IdType.ToString());
            Check("证件号码", before.IdNumber, after.IdNumber);
            Check("联系电话", before.Phone, after.Phone);
            Check("住址", before.Address, after.Address);
            Check("工作单位", before.Workplace, after.Workplace);
            Check("主访人", before.IsPrincipal.ToString(), after.IsPrincipal.ToString());
            if (fields.Count > 0)
            {
                changes.Add($"信访人{i + 1}的{string.Join("、", fields)}已更正");
            }
        }

        if (changes.Any(x => x.Contains("信访人", StringComparison.Ordinal)))
        {
            _petitioners.Clear();
            _petitioners.AddRange(updated);
        }
    }

    /// <summary>
    /// 作废: a registration made by mistake (entered twice, the wrong matter, a test) is voided with its reason
    /// by the registering body while nothing has been done on it. Nothing is deleted (the history keeps it), but
    /// a voided item takes no further action, runs no clock, is never an 初件 candidate and counts nowhere:
    /// it was never a petition. The petitioner, who may hold its receipt, reads that it was voided.
    /// </summary>
    public void VoidRegistration(string reason, Actor actor, DateTimeOffset now)
    {
        Guard(PetitionAction.VoidRegistration);
        RequireUntouched(PetitionAction.VoidRegistration);
        RequireText(reason, "reason");
        Transition(PetitionAction.VoidRegistration, PetitionState.Voided, now);
        CancelClocks([.. Enum.GetValues<DeadlineKind>()]);
        VoidedAt = now;
        VoidReason = reason.Trim();
        Record(actor, now, PetitionAction.VoidRegistration, $"登记作废：{VoidReason}", null, "该登记已作废");
    }

    private void RequireUntouched(PetitionAction action) =>
        Require(NothingDoneSinceRegistration, "registration-acted-on",
            $"该信访件已有办理记录，不能{Lifecycle.NameOf(action)}；登记只能在尚未办理时更正或作废");

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
