using Xinfang.Domain.Common;
using Xinfang.Domain.Petitions;
using Xinfang.Web.Common;

namespace Xinfang.Web.Intake;

/// <summary>
/// A petitioner's fields as typed, checked once for registration and for a correction of it (issue 13), so the
/// two paths cannot drift apart: the ID number's GB 11643 check digit, the phone number, the lengths.
/// </summary>
internal static class PetitionerFields
{
    public static void Check(RequestErrors e, string field, string? name, IdDocumentType? idType, string? idNumber, string? phone, string? address, string? workplace, bool nameRequired)
    {
        e.Text(name, $"{field}.name", "姓名", 50, required: nameRequired);

        if (idType is { } t && !Enum.IsDefined(t))
        {
            e.Add($"{field}.idType", "证件类型无效");
        }

        if (!string.IsNullOrWhiteSpace(idNumber))
        {
            if ((idType ?? IdDocumentType.ResidentIdCard) == IdDocumentType.ResidentIdCard && !ChineseIdNumber.IsValid(idNumber.Trim()))
            {
                e.Add($"{field}.idNumber", "居民身份证号码不正确（GB 11643 校验位不符）");
            }
            else if (idNumber.Length > 32)
            {
                e.Add($"{field}.idNumber", "证件号码过长");
            }
        }

        if (!string.IsNullOrWhiteSpace(phone) && !PhoneNumber.IsValid(phone))
        {
            e.Add($"{field}.phone", "电话号码不正确");
        }

        e.Text(address, $"{field}.address", "住址", 300, required: false);
        e.Text(workplace, $"{field}.workplace", "工作单位", 200, required: false);
    }
}
