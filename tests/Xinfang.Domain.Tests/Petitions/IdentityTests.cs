using CsCheck;
using Xinfang.Domain.Common;

namespace Xinfang.Domain.Tests.Petitions;

/// <summary>居民身份证号码 (GB 11643-1999, ISO 7064 MOD 11-2) and phone numbers, with their masks (domain.md §12).</summary>
public sealed class IdentityTests
{
    private const string CheckAlphabet = "0123456789X";

    [Theory]
    [InlineData("11010519491231002X")] // the standard's own example
    [InlineData("11010519491231002x")] // lower-case check character
    [InlineData("330102199003071230")]
    [InlineData("440304198802290012")] // 29 February of a leap year
    public void A_well_formed_number_with_its_check_character_is_valid(string id) =>
        Assert.True(ChineseIdNumber.IsValid(id));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("110105194912310021")] // wrong check character
    [InlineData("11010519491231002")] // 17 characters
    [InlineData("11010519491231002XX")] // 19 characters
    [InlineData("1101051949123100AX")] // a letter among the first 17
    [InlineData("110105194902310026")] // 31 February with a correct check character
    [InlineData("110105194913010026")] // month 13
    public void Anything_else_is_invalid(string? id) =>
        Assert.False(ChineseIdNumber.IsValid(id));

    [Theory]
    [InlineData("11010519491231002", 'X')]
    [InlineData("33010219900307123", '0')]
    [InlineData("11010519490231002", '6')]
    public void The_check_character_is_ISO_7064_MOD_11_2(string first17, char expected) =>
        Assert.Equal(expected, ChineseIdNumber.CheckCharacter(first17));

    [Theory]
    [InlineData("11010519491231002X", "110105********002X")]
    [InlineData("330102199003071230", "330102********1230")]
    [InlineData("123456789", "*********")]
    public void An_id_number_is_shown_with_its_region_code_and_last_four_only(string id, string masked) =>
        Assert.Equal(masked, ChineseIdNumber.Mask(id));

    [Fact]
    public void Any_seventeen_digits_with_a_real_birth_date_become_valid_with_their_check_character_and_only_with_it()
    {
        var gen =
            from region in Gen.Int[110000, 659999]
            from birth in Gen.Int[0, 45_000] // 1900-01-01 … 2023-03-15
            from sequence in Gen.Int[0, 999]
            from other in Gen.Int[0, 10]
            select (First17: $"{region:D6}{new DateOnly(1900, 1, 1).AddDays(birth):yyyyMMdd}{sequence:D3}", Other: CheckAlphabet[other]);

        gen.Sample(x =>
        {
            var check = ChineseIdNumber.CheckCharacter(x.First17);
            Assert.True(ChineseIdNumber.IsValid(x.First17 + check));
            Assert.Equal(x.Other == check, ChineseIdNumber.IsValid(x.First17 + x.Other));
        });
    }

    [Theory]
    [InlineData("13812345678")]
    [InlineData("19912345678")]
    [InlineData("138 1234 5678")]
    [InlineData("+86 138-1234-5678")]
    [InlineData("0571-87654321")] // area code + 8 digits
    [InlineData("010-12345678")]
    [InlineData("0591-1234567")] // area code + 7 digits
    public void Mainland_mobiles_and_landlines_with_area_code_are_valid(string phone) =>
        Assert.True(PhoneNumber.IsValid(phone));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("12345678901")] // 1 then 2: no such mobile network
    [InlineData("1381234567")] // ten digits
    [InlineData("138123456789")] // twelve digits
    [InlineData("87654321")] // landline without area code
    [InlineData("138-1234-567a")]
    [InlineData("-")] // separators only
    [InlineData("+ -")]
    public void Other_phone_numbers_are_invalid(string? phone) =>
        Assert.False(PhoneNumber.IsValid(phone));

    [Theory]
    [InlineData("13812345678", "138****5678")]
    [InlineData("138-1234-5678", "138****5678")]
    [InlineData("0571-87654321", "057*****4321")]
    [InlineData("12345", "*****")]
    public void A_phone_number_is_shown_with_its_first_three_and_last_four_digits(string phone, string masked) =>
        Assert.Equal(masked, PhoneNumber.Mask(phone));
}
