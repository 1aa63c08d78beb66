using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Xinfang.Web.Attachments;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests.Security;

/// <summary>Attachments are judged by their bytes, size-limited (64 KB in this fixture), and always downloaded, never shown.</summary>
public abstract class AttachmentTests(SecurityFixture fixture)
{
    private SecurityApp App => fixture.App;

    public static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private async Task<(Staff Staff, Guid Id)> PetitionAsync()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (id, _, _, _) = await registrar.RegisterAsync(AppExtensions.Letter());
        return (registrar, id);
    }

    private static MultipartFormDataContent File(byte[] bytes, string name, string declared = "image/png", string field = "file")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(declared);
        return new MultipartFormDataContent { { content, field, name } };
    }

    private Task<int> CountAsync() => App.WithDbAsync(db => db.Set<PetitionAttachment>().CountAsync());

    private async Task AssertRefusedAsync(Staff staff, Guid id, HttpContent body, HttpStatusCode expected)
    {
        var before = await CountAsync();
        var r = await staff.Client.PostAsync($"/api/petitions/{id}/attachments", body);
        Assert.Equal(expected, r.StatusCode);
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await CountAsync());
    }

    [SkippableFact]
    public async Task A_png_is_stored_listed_and_downloaded_as_an_attachment_with_the_sniffed_type()
    {
        var (staff, id) = await PetitionAsync();
        var r = await staff.Client.PostAsync($"/api/petitions/{id}/attachments", File(Png, "现场照片.png", declared: "text/html"));
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        var created = await Staff.ReadAsync(r);
        Assert.Equal("image/png", created["contentType"]!.GetValue<string>());
        var attachmentId = created["id"]!.GetValue<Guid>();

        var (status, list) = await staff.GetAsync($"/api/petitions/{id}/attachments");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("现场照片.png", list.AsArray().Single()!["fileName"]!.GetValue<string>());

        var download = await staff.Client.GetAsync($"/api/petitions/{id}/attachments/{attachmentId}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("image/png", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("现场照片.png", download.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("nosniff", string.Join(",", download.Headers.GetValues("X-Content-Type-Options")));
        Assert.Contains("sandbox", string.Join(",", download.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.Equal(Png, await download.Content.ReadAsByteArrayAsync());
    }

    [SkippableFact]
    public async Task Text_docx_and_xlsx_are_accepted_by_their_content()
    {
        var (staff, id) = await PetitionAsync();
        var text = await staff.Client.PostAsync($"/api/petitions/{id}/attachments", File(Encoding.UTF8.GetBytes("情况说明：物业加收停车费。\n"), "说明.txt", "application/octet-stream"));
        Assert.Equal(HttpStatusCode.Created, text.StatusCode);
        Assert.Equal("text/plain; charset=utf-8", (await Staff.ReadAsync(text))["contentType"]!.GetValue<string>());
        var docx = await staff.Client.PostAsync($"/api/petitions/{id}/attachments", File(OfficeFile("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"), "材料.docx", "application/octet-stream"));
        Assert.Equal(HttpStatusCode.Created, docx.StatusCode);
        var xlsx = await staff.Client.PostAsync($"/api/petitions/{id}/attachments", File(OfficeFile("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"), "清单.xlsx", "application/octet-stream"));
        Assert.Equal(HttpStatusCode.Created, xlsx.StatusCode);
    }

    [SkippableFact]
    public async Task Html_renamed_png_svg_scripts_executables_and_mismatched_names_are_refused()
    {
        var (staff, id) = await PetitionAsync();
        await AssertRefusedAsync(staff, id, File(Encoding.UTF8.GetBytes("<html><body><script>alert(1)</script></body></html>"), "photo.png"), HttpStatusCode.UnsupportedMediaType);
        await AssertRefusedAsync(staff, id, File(Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"), "image.png", "image/svg+xml"), HttpStatusCode.UnsupportedMediaType);
        await AssertRefusedAsync(staff, id, File(Encoding.UTF8.GetBytes("说明\n<script>alert(1)</script>"), "note.txt", "text/plain"), HttpStatusCode.UnsupportedMediaType);
        await AssertRefusedAsync(staff, id, File(Encoding.UTF8.GetBytes("#!/bin/sh\nrm -rf /\n"), "run.txt", "text/plain"), HttpStatusCode.UnsupportedMediaType);
        await AssertRefusedAsync(staff, id, File([0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00], "setup.pdf", "application/pdf"), HttpStatusCode.UnsupportedMediaType);
        await AssertRefusedAsync(staff, id, File([0xC3, 0x28, 0xA0, 0xA1], "bad.txt", "text/plain"), HttpStatusCode.UnsupportedMediaType);
        await AssertRefusedAsync(staff, id, File(Png, "photo.pdf", "application/pdf"), HttpStatusCode.UnsupportedMediaType);
        await AssertRefusedAsync(staff, id, File(OfficeFile("word/document.xml", "application/vnd.ms-word.document.macroEnabled.main+xml"), "macro.docx"), HttpStatusCode.UnsupportedMediaType);
        await AssertRefusedAsync(staff, id, File([], "empty.png"), HttpStatusCode.BadRequest);
        await AssertRefusedAsync(staff, id, File(Png, "photo.png", field: "other"), HttpStatusCode.BadRequest);
        await AssertRefusedAsync(staff, id, new StringContent("{}", Encoding.UTF8, "application/json"), HttpStatusCode.UnsupportedMediaType);
    }

    [SkippableFact]
    public async Task An_oversize_file_is_a_413()
    {
        var (staff, id) = await PetitionAsync();
        var big = new byte[65_537];
        Png.CopyTo(big, 0);
        await AssertRefusedAsync(staff, id, File(big, "big.png"), HttpStatusCode.RequestEntityTooLarge);
        await AssertRefusedAsync(staff, id, File(new byte[300_000], "huge.png"), HttpStatusCode.RequestEntityTooLarge);
    }

    [SkippableFact]
    public async Task Staff_who_may_not_see_the_item_get_a_404_and_strangers_a_401()
    {
        var (_, id) = await PetitionAsync();
        var outsider = await App.StaffAsync("demo.zj.zjt.reviewer");
        await AssertRefusedAsync(outsider, id, File(Png, "photo.png"), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.Client.GetAsync($"/api/petitions/{id}/attachments")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.Client().PostAsync($"/api/petitions/{id}/attachments", File(Png, "photo.png"))).StatusCode);
    }

    public static byte[] OfficeFile(string mainPart, string mainType)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, string text)
            {
                using var w = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                w.Write(text);
            }

            Add("[Content_Types].xml", $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Override PartName=\"/{mainPart}\" ContentType=\"{mainType}\"/></Types>");
            Add("_rels/.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"/>");
            Add(mainPart, "<?xml version=\"1.0\"?><root/>");
        }

        return memory.ToArray();
    }
}

public sealed class AttachmentsOnSqlite(SecuritySqliteFixture fixture) : AttachmentTests(fixture), IClassFixture<SecuritySqliteFixture>;

public sealed class AttachmentsOnPostgres(SecurityPostgresFixture fixture) : AttachmentTests(fixture), IClassFixture<SecurityPostgresFixture>;
