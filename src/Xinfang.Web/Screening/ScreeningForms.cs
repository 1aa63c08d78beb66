using Xinfang.Domain.Screening;
using Xinfang.Web.Common;

namespace Xinfang.Web.Screening;

/// <summary>
/// The <c>/screening</c> pages' forms read into requests: every field a string read from the posted form, so nothing
/// typed can fail binding; the round's table of counts by kind posts one field per kind and column (found-Neighbours …).
/// </summary>
internal static class ScreeningForms
{
    public static readonly string[] Columns = ["found", "resolved", "warnings", "items"];

    public static string? Field(IFormCollection form, string name) => form.TryGetValue(name, out var v) ? FormFields.Trimmed(v.ToString()) : null;

    public static ScreeningDesk.RoundRequest Round(IFormCollection form, RequestErrors errors)
    {
        var findings = new List<ScreeningDesk.FindingRequest?>();
        foreach (var k in DisputeKinds.All)
        {
            var name = DisputeKinds.NameOf(k);
            int? Count(string column, string label) => FormFields.Number(Field(form, $"{column}-{k}"), $"findings.{k}.{column}", $"{name}{label}", errors);
            var found = Count("found", "排查发现数");
            var resolved = Count("resolved", "就地化解数");
            var warnings = Count("warnings", "转预警数");
            var items = Count("items", "转信访事项数");
            if (found is not null || resolved is not null || warnings is not null || items is not null)
            {
                findings.Add(new(k, found ?? 0, resolved, warnings, items));
            }
        }

        return new(FormFields.Id(Field(form, "organizationId"), "organizationId", "请选择排查的乡镇（街道）或村（社区）", errors), Field(form, "place"),
            FormDates.Typed(Field(form, "periodFrom"), "periodFrom", "排查开始日期", errors), FormDates.Typed(Field(form, "periodTo"), "periodTo", "排查结束日期", errors),
            Field(form, "periodLabel"), Field(form, "screenedBy"), findings, Field(form, "note"));
    }

    public static ScreeningDesk.RaiseRequest Raise(IFormCollection form, RequestErrors errors) => new(
        Field(form, "summary"), Field(form, "place"),
        FormFields.Pick<DisputeKind>(Field(form, "kind"), "kind", "纠纷类别", errors),
        FormFields.Pick<WarningLevel>(Field(form, "level"), "level", "预警等级", errors),
        FormFields.Number(Field(form, "expectedPersons"), "expectedPersons", "预计涉及人数", errors),
        Field(form, "roundId") is { } round ? FormFields.Id(round, "roundId", "排查记录编号无效", errors) : null);
}
