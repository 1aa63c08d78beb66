using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xinfang.Web.Tests.Infrastructure;
using Xinfang.Web.TextAnalysis;
using static Xinfang.Web.Tests.TextAnalysis.TextTestData;

namespace Xinfang.Web.Tests.TextAnalysis;

/// <summary>
/// Full-text search and the analysis at registration, over HTTP on SQLite and PostgreSQL. Each test
/// uses its own wording so band keys and index words of other tests in the fixture do not interfere.
/// </summary>
public abstract class TextSearchAndRepeatTests(AppFixture fixture)
{
    private XinfangApp App => fixture.App;

    [SkippableFact]
    public async Task Full_text_finds_a_word_deep_inside_a_long_content_and_marks_it()
    {
        var xihu = await App.StaffAsync(Xihu);
        var filler = string.Concat(Enumerable.Repeat("我们小区旁边的道路每天有很多大货车经过，尘土飞扬，居民出行很不方便。", 40));
        var content = filler + "最近又在村口新建了一个混凝土搅拌站，夜里也在生产，噪声很大。" + filler;
        var (id, number, _, _) = await xihu.RegisterAsync(Letter("反映村口噪声扰民问题", content));

        var result = await xihu.FullTextAsync("搅拌站");

        Assert.Contains(id, result.Ids());
        var hit = result.Hit(id);
        Assert.Equal(number, hit["number"]!.GetValue<string>());
        Assert.Contains("<mark>搅拌站</mark>", hit["snippetHtml"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(hit["snippetHtml"]!.GetValue<string>().Length < 400, "the snippet is a window, not the whole content");
        // A word that is in no letter finds nothing.
        Assert.Empty((await xihu.FullTextAsync("卫星发射塔")).Ids());
    }

    [SkippableFact]
    public async Task Full_text_does_not_reach_past_the_callers_scope()
    {
        var city = await App.StaffAsync(City);
        var xihu = await App.StaffAsync(Xihu);
        var (id, _, _, _) = await city.RegisterAsync(Letter("沥青厂异味", "城北沥青厂每天傍晚排放刺鼻气味，附近居民无法开窗。"));

        Assert.Contains(id, (await city.FullTextAsync("沥青厂")).Ids());
        var other = await xihu.FullTextAsync("沥青厂");
        Assert.DoesNotContain(id, other.Ids());
        Assert.Equal(0, other["total"]!.GetValue<int>());
    }

    [SkippableFact]
    public async Task Highlighted_title_and_snippet_are_html_encoded()
    {
        var xihu = await App.StaffAsync(Xihu);
        var (id, _, _, _) = await xihu.RegisterAsync(Letter("垃圾中转站<b>臭气</b>", "垃圾中转站<script>alert('x')</script>臭气熏天，请求搬迁。"));

        var hit = (await xihu.FullTextAsync("垃圾中转站")).Hit(id);
        var snippet = hit["snippetHtml"]!.GetValue<string>();
        var title = hit["titleHtml"]!.GetValue<string>();

        Assert.DoesNotContain("<script>", snippet, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", snippet, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", title, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;", title, StringComparison.Ordinal);
        Assert.Contains("<mark>", title, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_search_page_is_linked_from_the_workbench_and_shows_encoded_highlighted_hits()
    {
        var anonymous = await App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync("/search?q=x");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);

        var xihu = await App.StaffAsync(Xihu);
        // The header's find box (issue 13) takes words too, beside numbers, names, ID and phone numbers.
        Assert.Contains("action=\"/find\"", await xihu.Client.GetStringAsync("/workbench"), StringComparison.Ordinal);
        var (id, number, _, _) = await xihu.RegisterAsync(Letter("洗车店占道经营", "洗车店长期占用人行道<img src=x onerror=alert(1)>洗车，污水横流。"));

        var page = await xihu.Client.GetStringAsync($"/search?q={Uri.EscapeDataString("洗车店")}");

        Assert.Contains($"/petitions/{id}", page, StringComparison.Ordinal);
        Assert.Contains(number, page, StringComparison.Ordinal);
        Assert.Contains("<mark>洗车", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", page, StringComparison.Ordinal);
        Assert.Contains("&lt;img", page, StringComparison.Ordinal);
        var bad = await xihu.Client.GetStringAsync("/search?q=%EF%BC%81");
        Assert.Contains("class=\"error\"", bad, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("q=", "q")]
    [InlineData("q=%EF%BC%81%EF%BC%81", "q")]
    [InlineData("q=%E5%99%AA%E5%A3%B0&page=abc", "page")]
    [InlineData("q=%E5%99%AA%E5%A3%B0&page=0", "page")]
    public async Task Bad_search_input_is_a_400_naming_the_field(string query, string field)
    {
        var xihu = await App.StaffAsync(Xihu);
        var (status, problem) = await xihu.GetAsync($"/api/petitions/fulltext?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(problem["errors"]!.AsObject().ContainsKey(field), problem.ToJsonString());
    }

    [SkippableFact]
    public async Task A_too_long_query_is_a_400()
    {
        var xihu = await App.StaffAsync(Xihu);
        var (status, problem) = await xihu.GetAsync($"/api/petitions/fulltext?q={Uri.EscapeDataString(new string('噪', 101))}");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(problem["errors"]!.AsObject().ContainsKey("q"));
    }

    [SkippableFact]
    public async Task The_background_indexer_indexes_an_item_whose_row_is_missing()
    {
        var xihu = await App.StaffAsync(Xihu);
        var (id, _, _, _) = await xihu.RegisterAsync(Letter("养猪场污水直排", "养猪场把污水直接排进河里，河水发黑发臭。"));
        await App.WithDbAsync(db => db.PetitionTexts.Where(t => t.PetitionId == id).ExecuteDeleteAsync());
        Assert.DoesNotContain(id, (await xihu.FullTextAsync("养猪场")).Ids());

        var (indexed, tracked) = await App.WithDbAsync(async db =>
            (await App.Services.GetRequiredService<TextIndexWorker>().RunOnceAsync(db, CancellationToken.None), db.ChangeTracker.Entries().Count()));

        Assert.True(indexed >= 1);
        // Only the watermark stays tracked: the rows written are let go after each batch (a pass over a whole database
        // would otherwise check every row it wrote on every save).
        Assert.Equal(1, tracked);
        Assert.Contains(id, (await xihu.FullTextAsync("养猪场")).Ids());
        // Nothing left to do: a second pass indexes nothing.
        Assert.Equal(0, await App.WithDbAsync(db => App.Services.GetRequiredService<TextIndexWorker>().RunOnceAsync(db, CancellationToken.None)));
    }

    private const string Original = "我是翠苑小区业主，小区东门外的烧烤摊每天营业到凌晨两点，油烟直接飘进住户家里，噪声也很大，多次向街道反映没有结果，请求有关部门依法取缔。";
    private const string Edited = "我是翠苑小区的业主，小区东门外烧烤摊每天营业到凌晨两点，油烟直接飘进住户家中，噪声也很大，多次向街道反映一直没有结果，请求有关部门依法取缔。";

    [SkippableFact]
    public async Task Among_many_alike_letters_of_others_the_same_persons_repeat_comes_first_and_the_shown_ones_are_explained()
    {
        // More near-identical letters from other people than the check shows: their words are read only for the ones shown
        // (the verdict on another person's letter follows the similarity alone), the same person's always (it decides).
        var xihu = await App.StaffAsync(Xihu);
        const string Text = "金沙湖畔新开的酒吧每晚音乐声震耳欲聋，一直持续到凌晨三点，周边居民无法入睡，多次报警无果，请求责令整改。";
        for (var i = 0; i < AnalyzePetition.MaxCandidates + 3; i++)
        {
            var body = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"33010619700101{i:D3}");
            await xihu.RegisterAsync(Letter("酒吧噪声扰民", Text, idNumber: body + Xinfang.Domain.Common.ChineseIdNumber.CheckCharacter(body)));
        }

        var person = "33010619850202002" + Xinfang.Domain.Common.ChineseIdNumber.CheckCharacter("33010619850202002");
        var (mine, _, _, _) = await xihu.RegisterAsync(Letter("金沙湖酒吧深夜噪声", "我住在金沙湖畔，" + Text, idNumber: person));

        var analysis = await xihu.AnalyzeAsync(new { title = "酒吧噪声扰民", content = Text, idNumber = person });

        var candidates = analysis["repeats"]!.AsArray();
        Assert.Equal(AnalyzePetition.MaxCandidates, candidates.Count);
        Assert.Equal(mine, candidates[0]!["id"]!.GetValue<Guid>());
        Assert.Equal("Repeat", candidates[0]!["verdict"]!.GetValue<string>());
        Assert.All(candidates.Skip(1), c =>
        {
            Assert.Equal("OtherPetitioner", c!["verdict"]!.GetValue<string>());
            Assert.StartsWith("相同用词：", c["why"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.NotEmpty(c["evidence"]!["sharedTerms"]!.AsArray());
        });
    }

    [SkippableFact]
    public async Task A_lightly_edited_resubmission_by_the_same_person_is_proposed_as_a_repeat()
    {
        var xihu = await App.StaffAsync(Xihu);
        var (first, number, _, _) = await xihu.RegisterAsync(Letter("烧烤摊油烟扰民", Original, idNumber: "330106198001010013"));
        App.Advance(TimeSpan.FromDays(20));
        xihu = await App.StaffAsync(Xihu); // the sign-in cookie does not outlive the clock's jump

        var analysis = await xihu.AnalyzeAsync(new { title = "烧烤摊油烟噪声扰民", content = Edited, idNumber = "330106198001010013" });

        var candidate = analysis.Candidate(first);
        Assert.NotNull(candidate);
        Assert.Equal("Repeat", candidate["verdict"]!.GetValue<string>());
        Assert.True(candidate["isLikelyRepeat"]!.GetValue<bool>());
        Assert.True(candidate["inScope"]!.GetValue<bool>());
        Assert.Equal(number, candidate["number"]!.GetValue<string>());
        Assert.Equal("烧烤摊油烟扰民", candidate["title"]!.GetValue<string>());
        Assert.True(candidate["similarity"]!.GetValue<double>() >= 0.5);
        Assert.Contains("SamePetitioner", candidate["reasons"]!.AsArray().Select(r => r!.GetValue<string>()));
        // Why, for the registrar: the shared words, the similarity, the same person — never the ID number.
        var why = candidate["why"]!.GetValue<string>();
        Assert.StartsWith("相同用词：", why, StringComparison.Ordinal);
        Assert.Contains("同一信访人", why, StringComparison.Ordinal);
        Assert.DoesNotContain("330106198001010013", analysis.ToJsonString(), StringComparison.Ordinal);
        var evidence = candidate["evidence"]!;
        Assert.True(evidence["samePetitioner"]!.GetValue<bool>());
        Assert.True(evidence["sharedTermCount"]!.GetValue<int>() >= 4);
        var shared = evidence["sharedTerms"]!.AsArray().Select(t => t!.GetValue<string>()).ToList();
        Assert.NotEmpty(shared);
        Assert.All(shared, t =>
        {
            // Each listed word is in both texts and in the Chinese reasons.
            Assert.Contains(t, "烧烤摊油烟扰民" + Original, StringComparison.Ordinal);
            Assert.Contains(t, "烧烤摊油烟噪声扰民" + Edited, StringComparison.Ordinal);
            Assert.Contains(t, why, StringComparison.Ordinal);
        });
        Assert.Equal(first, analysis["suggestedFirstItemId"]!.GetValue<Guid>());

        // The registrar confirms: registered with firstItemId, the item is a 重件.
        var request = Letter("烧烤摊油烟噪声扰民", Edited, idNumber: "330106198001010013");
        request["firstItemId"] = first;
        var (_, _, _, second) = await xihu.RegisterAsync(request);
        Assert.Equal(first, second["firstItemId"]!.GetValue<Guid>());
    }

    [SkippableFact]
    public async Task The_same_letter_sent_to_two_bodies_within_three_days_is_not_a_repeat()
    {
        const string content = "西溪路口的红绿灯坏了半个多月，早晚高峰车辆乱行，已经发生两起剐蹭事故，请尽快修复并增派交警。";
        var xihu = await App.StaffAsync(Xihu);
        var city = await App.StaffAsync(City);
        var (first, _, _, _) = await xihu.RegisterAsync(Letter("西溪路口红绿灯损坏", content, phone: "13800001111"));
        App.Advance(TimeSpan.FromDays(1));
        (xihu, city) = (await App.StaffAsync(Xihu), await App.StaffAsync(City));

        var analysis = await city.AnalyzeAsync(new { title = "西溪路口红绿灯损坏", content, phone = "13800001111" });

        var candidate = analysis.Candidate(first);
        Assert.NotNull(candidate);
        Assert.Equal("MultiSend", candidate["verdict"]!.GetValue<string>());
        Assert.False(candidate["isLikelyRepeat"]!.GetValue<bool>());
        Assert.Null(analysis["suggestedFirstItemId"]);

        // The same letter to the same body a day later is a repeat.
        var again = await xihu.AnalyzeAsync(new { title = "西溪路口红绿灯损坏", content, phone = "13800001111" });
        Assert.Equal("Repeat", again.Candidate(first)!["verdict"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task An_out_of_scope_earlier_item_shows_only_number_handling_organisation_and_state()
    {
        const string content = "留下街道某工地夜间打桩施工，凌晨仍在作业，附近三个小区的居民长期无法休息，请求责令停止夜间施工。";
        var city = await App.StaffAsync(City);
        var xihu = await App.StaffAsync(Xihu);
        var (first, number, _, _) = await city.RegisterAsync(Letter("工地夜间打桩扰民", content, idNumber: "330106199003070014"));
        // The same person's other matter, also outside the Xihu bureau's scope: never shown there.
        var (other, _, _, _) = await city.RegisterAsync(Letter("医保报销咨询", "请问异地就医的医保报销比例是多少，需要办理哪些备案手续。", idNumber: "330106199003070014"));
        App.Advance(TimeSpan.FromDays(10));
        (xihu, city) = (await App.StaffAsync(Xihu), await App.StaffAsync(City));

        var analysis = await xihu.AnalyzeAsync(new { title = "工地夜间施工扰民", content, idNumber = "330106199003070014" });

        var candidate = analysis.Candidate(first);
        Assert.NotNull(candidate);
        Assert.False(candidate["inScope"]!.GetValue<bool>());
        Assert.Equal("Repeat", candidate["verdict"]!.GetValue<string>());
        Assert.Equal(number, candidate["number"]!.GetValue<string>());
        Assert.Equal("杭州市信访局", candidate["handlingOrganization"]!.GetValue<string>());
        Assert.Equal("Registered", candidate["state"]!.GetValue<string>());
        Assert.Null(candidate["title"]);
        Assert.Null(candidate["receivedOn"]);
        Assert.Null(candidate["similarity"]);
        Assert.Null(candidate["reasons"]);
        Assert.Null(candidate["why"]);
        Assert.Null(candidate["evidence"]);
        Assert.Null(analysis.Candidate(other));
        Assert.DoesNotContain("工地夜间打桩扰民", analysis.ToJsonString(), StringComparison.Ordinal);

        // In the city bureau's own scope the same person's other matter is shown for context.
        var inCity = await city.AnalyzeAsync(new { title = "工地夜间施工扰民", content, idNumber = "330106199003070014" });
        Assert.Equal("SamePetitionerOtherMatter", inCity.Candidate(other)!["verdict"]!.GetValue<string>());
        Assert.Contains("同一信访人", inCity.Candidate(other)!["why"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("工地夜间打桩扰民", inCity.Candidate(first)!["title"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task Route_hints_name_their_trigger_words()
    {
        var xihu = await App.StaffAsync(Xihu);
        var analysis = await xihu.AnalyzeAsync(new
        {
            title = "不服法院判决",
            content = "我对区法院的民事判决不服，已经申请再审。家里老人说如果再没有结果就要跳楼。",
        });

        var hints = analysis["routeHints"]!;
        Assert.True(hints["litigationRelated"]!.GetValue<bool>());
        Assert.Contains("判决", hints["litigationTriggers"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.True(hints["urgent"]!.GetValue<bool>());
        Assert.Contains("跳楼", hints["urgentTriggers"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.False(hints["accusation"]!.GetValue<bool>());
        Assert.Empty(analysis["repeats"]!.AsArray());
    }

    [SkippableFact]
    public async Task Bad_analysis_input_is_a_400_naming_every_field()
    {
        var xihu = await App.StaffAsync(Xihu);
        var (status, problem) = await xihu.PostAsync("/api/petitions/analyze", new { title = "", content = new string('字', 20_001), idNumber = "330106198001010019", phone = "12" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        var errors = problem["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("title"));
        Assert.True(errors.ContainsKey("content"));
        Assert.True(errors.ContainsKey("idNumber"));
        Assert.True(errors.ContainsKey("phone"));
    }
}

public sealed class TextSearchAndRepeatOnSqlite(SqliteFixture fixture) : TextSearchAndRepeatTests(fixture), IClassFixture<SqliteFixture>;

public sealed class TextSearchAndRepeatOnPostgres(PostgresFixture fixture) : TextSearchAndRepeatTests(fixture), IClassFixture<PostgresFixture>;
