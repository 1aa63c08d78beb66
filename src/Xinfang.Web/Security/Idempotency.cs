using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using Xinfang.Web.Data;
using Xinfang.Web.Privacy;

namespace Xinfang.Web.Security;

/// <summary>Tuning of idempotency keys and form tokens: configuration section <c>Xinfang:Idempotency</c>.</summary>
public sealed class IdempotencyOptions
{
    /// <summary>How long a key (and its stored answer) is kept: long enough for a client to retry after a crash.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long a request that began and committed nothing holds its key. A duplicate within this time
    /// is answered 409 (retry later); after it (the first request died with its process), the
    /// duplicate runs. Longer than any request may take.
    /// </summary>
    public TimeSpan Lock { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Expired keys are deleted at most this often (by whichever request comes next).</summary>
    public TimeSpan SweepEvery { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>Where a keyed request is.</summary>
public enum IdempotencyState
{
    /// <summary>Claimed; nothing saved yet.</summary>
    InFlight,

    /// <summary>A change was saved (in the same transaction as this mark); the answer may not be stored yet.</summary>
    Committed,

    /// <summary>The answer is stored and is given again to every retry.</summary>
    Completed,
}

/// <summary>
/// One idempotency key (ADR 0060): a retry with the same key and the same request gets the stored
/// answer; the answer body is encrypted with the personal-data key ring (it may hold a query code
/// or revealed personal data). Scoped per caller: a staff member's id, a client's hashed address,
/// or a page form's owner.
/// </summary>
public sealed class IdempotencyRecord
{
    public string Scope { get; set; } = string.Empty;

    public string Key { get; set; } = string.Empty;

    /// <summary>SHA-256 of method, path, query and the raw body bytes (so new fields need no change here).</summary>
    public string RequestHash { get; set; } = string.Empty;

    public IdempotencyState State { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset LockedUntil { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public int? StatusCode { get; set; }

    public string? ContentType { get; set; }

    public string? Location { get; set; }

    /// <summary>The answer's body, encrypted (keyId:base64).</summary>
    public string? Body { get; set; }

    internal static void Configure(ModelBuilder builder) => builder.Entity<IdempotencyRecord>(r =>
    {
        r.ToTable("idempotency_keys");
        r.HasKey(x => new { x.Scope, x.Key });
        r.Property(x => x.Scope).HasMaxLength(80);
        r.Property(x => x.Key).HasMaxLength(Idempotency.MaxKeyLength);
        r.Property(x => x.RequestHash).HasMaxLength(64);
        r.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
        r.Property(x => x.ContentType).HasMaxLength(200);
        r.Property(x => x.Location).HasMaxLength(500);
        r.HasIndex(x => x.ExpiresAt);
    });
}

/// <summary>
/// The keyed request of this HTTP request (an API call with <c>Idempotency-Key</c>, or a page form's
/// one-time token): the interceptor marks it committed in the transaction of the first saved change,
/// and a use case may store its answer in that transaction (<see cref="IdempotencyKeys.StoreAnswerAsync"/>).
/// </summary>
public sealed class IdempotencyFeature(string scope, string key)
{
    public string Scope { get; } = scope;

    public string Key { get; } = key;

    /// <summary>A change was saved under this key (the mark went into its transaction).</summary>
    public bool Committed { get; internal set; }

    /// <summary>The mark went into a save that has not finished (undone if that save fails).</summary>
    internal bool MarkedBySave { get; set; }

    /// <summary>The answer as the use case stored it inside its transaction (status, location, JSON).</summary>
    internal (int Status, string? Location, string Json)? Answer { get; set; }
}

/// <summary>What a claim on a key found.</summary>
public enum ClaimOutcome
{
    /// <summary>The key is this request's: run it.</summary>
    Claimed,

    /// <summary>The first request finished: give its answer again.</summary>
    Replay,

    /// <summary>The key was used with another request: 422.</summary>
    Mismatch,

    /// <summary>The first request is still running: 409, retry later.</summary>
    InProgress,

    /// <summary>The first request saved its change but its process died before the answer was stored: 409, never run again.</summary>
    AnswerLost,
}

public sealed record IdempotencyClaim(ClaimOutcome Outcome, IdempotencyRecord? Record, string? Body);

/// <summary>
/// The one store of idempotency keys and form tokens (ADR 0060). Claims and completions run in their
/// own short transactions (their own scope); the "committed" mark and a use case's answer run in
/// the use case's transaction (see <see cref="IdempotencyInterceptor"/>), so kill -9 between the
/// commit and the answer cannot make a retry run the change again.
/// </summary>
public sealed class IdempotencyKeys(IServiceScopeFactory scopes, TimeProvider clock, IOptions<IdempotencyOptions> options, PersonalDataProtector protector, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
{
    private const string Purpose = "idempotency-answer";
    private long _lastSweepTicks;

    public IdempotencyOptions Options => options.Value;

    public async Task<IdempotencyClaim> ClaimAsync(string scope, string key, string hash, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var s = scopes.CreateAsyncScope();
        var db = s.ServiceProvider.GetRequiredService<AppDbContext>();
        await SweepAsync(db, now, ct);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var existing = await db.Set<IdempotencyRecord>().AsNoTracking().SingleOrDefaultAsync(r => r.Scope == scope && r.Key == key, ct);
            if (existing is null || existing.ExpiresAt <= now)
            {
                if (existing is not null)
                {
                    await db.Set<IdempotencyRecord>().Where(r => r.Scope == scope && r.Key == key && r.ExpiresAt <= now).ExecuteDeleteAsync(ct);
                }

                db.Set<IdempotencyRecord>().Add(new IdempotencyRecord
                {
                    Scope = scope, Key = key, RequestHash = hash, State = IdempotencyState.InFlight,
                    CreatedAt = now, LockedUntil = now + Options.Lock, ExpiresAt = now + Options.Retention,
                });
                try
                {
                    await db.SaveChangesAsync(ct);
                    return new IdempotencyClaim(ClaimOutcome.Claimed, null, null);
                }
                catch (DbUpdateException)
                {
                    db.ChangeTracker.Clear(); // a concurrent duplicate claimed it first: read again
                    continue;
                }
            }

            if (!string.Equals(existing.RequestHash, hash, StringComparison.Ordinal))
            {
                return new IdempotencyClaim(ClaimOutcome.Mismatch, existing, null);
            }

            switch (existing.State)
            {
                case IdempotencyState.Completed:
                    return new IdempotencyClaim(ClaimOutcome.Replay, existing, existing.Body is { } body ? protector.Unprotect(body, Purpose) : null);
                case IdempotencyState.Committed:
                    return new IdempotencyClaim(existing.LockedUntil > now ? ClaimOutcome.InProgress : ClaimOutcome.AnswerLost, existing, null);
                default:
                    if (existing.LockedUntil > now)
                    {
                        return new IdempotencyClaim(ClaimOutcome.InProgress, existing, null);
                    }

                    // The first request saved nothing and its lock ran out (its process died): take the key over.
                    var taken = await db.Set<IdempotencyRecord>()
                        .Where(r => r.Scope == scope && r.Key == key && r.State == IdempotencyState.InFlight && r.LockedUntil == existing.LockedUntil)
                        .ExecuteUpdateAsync(u => u.SetProperty(r => r.LockedUntil, now + Options.Lock), ct);
                    if (taken == 1)
                    {
                        return new IdempotencyClaim(ClaimOutcome.Claimed, null, null);
                    }

                    continue;
            }
        }

        return new IdempotencyClaim(ClaimOutcome.InProgress, null, null);
    }

    /// <summary>Stores the answer once it is written (a use case may have stored it already in its transaction; this is the same answer).</summary>
    public async Task CompleteAsync(IdempotencyFeature feature, int status, string? contentType, string? location, string body, CancellationToken ct)
    {
        await using var s = scopes.CreateAsyncScope();
        var db = s.ServiceProvider.GetRequiredService<AppDbContext>();
        var sealedBody = protector.Protect(body, Purpose);
        await db.Set<IdempotencyRecord>().Where(r => r.Scope == feature.Scope && r.Key == feature.Key)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.State, IdempotencyState.Completed).SetProperty(r => r.StatusCode, status)
                .SetProperty(r => r.ContentType, contentType).SetProperty(r => r.Location, location).SetProperty(r => r.Body, sealedBody), ct);
    }

    /// <summary>
    /// Gives the key back: the request failed before saving anything (a 5xx, or a page form refused
    /// for its fields), so a retry may run. A key whose change was saved is never released.
    /// </summary>
    public async Task ReleaseAsync(IdempotencyFeature feature, CancellationToken ct)
    {
        await using var s = scopes.CreateAsyncScope();
        var db = s.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Set<IdempotencyRecord>().Where(r => r.Scope == feature.Scope && r.Key == feature.Key && r.State == IdempotencyState.InFlight)
            .ExecuteDeleteAsync(ct);
    }

    /// <summary>
    /// A use case's answer, stored in its own open transaction (registration): the commit that makes
    /// the petition also stores what the client must be told (its number and query code), so no crash
    /// can separate them. Does nothing without a keyed request.
    /// </summary>
    public async Task StoreAnswerAsync<T>(AppDbContext db, HttpContext? http, int status, string? location, T value, CancellationToken ct)
    {
        if (http?.Features.Get<IdempotencyFeature>() is not { } feature)
        {
            return;
        }

        feature.Answer = (status, location, JsonSerializer.Serialize(value, json.Value.SerializerOptions));
        Apply(db, feature);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Marks the key committed (and stores a pending answer) in the context being saved.</summary>
    internal void Apply(DbContext db, IdempotencyFeature feature)
    {
        var record = db.ChangeTracker.Entries<IdempotencyRecord>().FirstOrDefault(e => e.Entity.Scope == feature.Scope && e.Entity.Key == feature.Key);
        if (record is null)
        {
            record = db.Attach(new IdempotencyRecord { Scope = feature.Scope, Key = feature.Key });
        }

        record.Entity.State = feature.Answer is null ? IdempotencyState.Committed : IdempotencyState.Completed;
        record.Property(r => r.State).IsModified = true;
        if (feature.Answer is { } a)
        {
            record.Entity.StatusCode = a.Status;
            record.Entity.Location = a.Location;
            record.Entity.ContentType = "application/json; charset=utf-8";
            record.Entity.Body = protector.Protect(a.Json, Purpose);
            foreach (var p in new[] { nameof(IdempotencyRecord.StatusCode), nameof(IdempotencyRecord.Location), nameof(IdempotencyRecord.ContentType), nameof(IdempotencyRecord.Body) })
            {
                record.Property(p).IsModified = true;
            }
        }

        feature.Committed = true;
    }

    private async Task SweepAsync(AppDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var last = Interlocked.Read(ref _lastSweepTicks);
        if (now.UtcTicks - last < Options.SweepEvery.Ticks || Interlocked.CompareExchange(ref _lastSweepTicks, now.UtcTicks, last) != last)
        {
            return;
        }

        await db.Set<IdempotencyRecord>().Where(r => r.ExpiresAt <= now).ExecuteDeleteAsync(ct);
    }
}

/// <summary>
/// Marks the request's key committed in the transaction of the first change it saves, and writes a
/// use case's answer with it: the key and the change are one commit.
/// </summary>
internal sealed class IdempotencyInterceptor(IHttpContextAccessor accessor, IdempotencyKeys keys) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Mark(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Mark(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved();
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved();
        return ValueTask.FromResult(result);
    }

    private void Saved()
    {
        if (accessor.HttpContext?.Features.Get<IdempotencyFeature>() is { } feature)
        {
            feature.MarkedBySave = false;
        }
    }

    /// <summary>A failed save committed nothing: the key is not marked (its row was not written either).</summary>
    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Unmark();

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Unmark();
        return Task.CompletedTask;
    }

    private void Unmark()
    {
        if (accessor.HttpContext?.Features.Get<IdempotencyFeature>() is { MarkedBySave: true } feature && feature.Answer is null)
        {
            feature.Committed = false;
            feature.MarkedBySave = false;
        }
    }

    private void Mark(DbContext? db)
    {
        if (db is null || accessor.HttpContext?.Features.Get<IdempotencyFeature>() is not { Committed: false } feature)
        {
            return;
        }

        db.ChangeTracker.DetectChanges();
        var changes = db.ChangeTracker.Entries().Any(e => e.Entity is not IdempotencyRecord && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted);
        if (changes)
        {
            keys.Apply(db, feature);
            feature.MarkedBySave = true;
        }
    }
}

/// <summary>
/// <c>Idempotency-Key</c> on every POST of the API (ADR 0060), in one place: a middleware after
/// authentication, authorization and rate limits, for every endpoint whose route is under
/// <c>/api/</c> except sign-in and the account's own credentials (<see cref="Excluded"/>): those
/// answers carry cookies or secrets, which are not stored, and repeating them creates nothing.
/// Same key, same request → the first answer (status, body, Location) again, with
/// <c>Idempotent-Replayed: true</c>; same key, other request → 422; a duplicate while the first
/// runs → 409 with <c>Retry-After</c> (not waiting: a client retries, the server holds no thread).
/// </summary>
public static class Idempotency
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const int MaxKeyLength = 200;

    /// <summary>Registered by <see cref="SecuritySetup.AddXinfangSecurity"/> (one AddX per module folder).</summary>
    internal static void AddIdempotency(WebApplicationBuilder builder)
    {
        var s = builder.Services;
        s.Configure<IdempotencyOptions>(builder.Configuration.GetSection("Xinfang:Idempotency"));
        s.AddSingleton<IdempotencyKeys>();
        s.AddSingleton<IdempotencyInterceptor>();
        s.AddScoped<FormTokens>();
        s.ConfigureDbContext<SqliteAppDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<IdempotencyInterceptor>()));
        s.ConfigureDbContext<PostgresAppDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<IdempotencyInterceptor>()));
        // The header in the OpenAPI document, in this one transformer, on exactly the operations the middleware covers.
        s.Configure<Microsoft.AspNetCore.OpenApi.OpenApiOptions>("v1", o => o.AddOperationTransformer((operation, context, _) =>
        {
            if (context.Description.HttpMethod is { } method && Covers(method, "/" + (context.Description.RelativePath ?? string.Empty).Split('?')[0]))
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new Microsoft.OpenApi.OpenApiParameter
                {
                    Name = Header,
                    In = Microsoft.OpenApi.ParameterLocation.Header,
                    Required = false,
                    Description = $"幂等键（建议UUID，1至{MaxKeyLength}个可见ASCII字符）：重试时原样提交，返回首次的应答；同一键用于不同请求返回422；保留24小时",
                    Schema = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.String, MaxLength = MaxKeyLength },
                });
            }

            return Task.CompletedTask;
        }));
    }

    /// <summary>Whether a POST to this route takes an idempotency key: every API write but the credential ones.</summary>
    public static bool Covers(string method, string route) =>
        HttpMethods.IsPost(method) && route.StartsWith("/api/", StringComparison.OrdinalIgnoreCase) && !Excluded(route);

    /// <summary>Sign-in, sign-out, password and two-factor: their answers set cookies or show a shared secret.</summary>
    public static bool Excluded(string route) => route.StartsWith("/api/auth/", StringComparison.OrdinalIgnoreCase);

    public static IApplicationBuilder UseIdempotency(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText is { } raw ? "/" + raw.TrimStart('/') : null;
        if (route is null || !Covers(http.Request.Method, route) || http.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null
            || !http.Request.Headers.TryGetValue(Header, out var values))
        {
            await next(http);
            return;
        }

        if (values.Count != 1 || values[0] is not { Length: > 0 and <= MaxKeyLength } key || !key.All(c => c is >= '!' and <= '~'))
        {
            await ProblemAsync(http, 400, "幂等键无效", $"请求头 {Header} 应为1至{MaxKeyLength}个可见ASCII字符（建议使用UUID），且只能有一个",
                new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [Header] = ["幂等键无效"] } });
            return;
        }

        var keys = http.RequestServices.GetRequiredService<IdempotencyKeys>();
        var scope = ScopeOf(http);
        var hash = await HashAsync(http.Request, http.RequestAborted);
        var claim = await keys.ClaimAsync(scope, key, hash, http.RequestAborted);
        switch (claim.Outcome)
        {
            case ClaimOutcome.Replay:
                await ReplayAsync(http, claim.Record!, claim.Body);
                return;
            case ClaimOutcome.Mismatch:
                await ProblemAsync(http, 422, "幂等键已用于另一请求", $"请求头 {Header} 的值已用于内容不同的请求；重试请原样提交，新请求请使用新的幂等键",
                    new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [Header] = ["该幂等键已用于另一请求"] } });
                return;
            case ClaimOutcome.InProgress:
                http.Response.Headers.RetryAfter = "1";
                await ProblemAsync(http, 409, "相同请求正在处理", $"使用同一 {Header} 的请求正在处理中，请稍后重试", null);
                return;
            case ClaimOutcome.AnswerLost:
                await ProblemAsync(http, 409, "请求已办理", "该请求已办理完毕，但服务中断未能保存应答；未重复办理，请查询信访件的最新情况", null);
                return;
        }

        var feature = new IdempotencyFeature(scope, key);
        http.Features.Set(feature);
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        var done = false;
        try
        {
            await next(http);
            done = true;
        }
        finally
        {
            http.Response.Body = original;
            if (!done || http.Response.StatusCode >= 500)
            {
                if (!feature.Committed)
                {
                    await keys.ReleaseAsync(feature, CancellationToken.None);
                }
            }
        }

        var status = http.Response.StatusCode;
        if (status < 500)
        {
            var body = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
            await keys.CompleteAsync(feature, status, http.Response.ContentType, http.Response.Headers.Location.ToString() is { Length: > 0 } l ? l : null, body, CancellationToken.None);
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, http.RequestAborted);
    });

    /// <summary>A staff member's keys are theirs; an anonymous caller's are its address's (hashed, never stored in clear).</summary>
    public static string ScopeOf(HttpContext http)
    {
        if (http.User.Identity?.IsAuthenticated == true && http.User.FindFirstValue(ClaimTypes.NameIdentifier) is { Length: > 0 } id)
        {
            return "staff:" + id;
        }

        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return "client:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(address)))[..40];
    }

    private static async Task<string> HashAsync(HttpRequest request, CancellationToken ct)
    {
        request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var chunk = new byte[81_920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            sha.AppendData(chunk, 0, read);
        }

        request.Body.Position = 0;
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static async Task ReplayAsync(HttpContext http, IdempotencyRecord record, string? body)
    {
        http.Response.StatusCode = record.StatusCode ?? 200;
        http.Response.Headers[ReplayedHeader] = "true";
        if (record.Location is { } location)
        {
            http.Response.Headers.Location = location;
        }

        if (body is { Length: > 0 })
        {
            http.Response.ContentType = record.ContentType ?? "application/json; charset=utf-8";
            await http.Response.WriteAsync(body, http.RequestAborted);
        }
    }

    private static async Task ProblemAsync(HttpContext http, int status, string title, string detail, Dictionary<string, object?>? extensions)
    {
        http.Response.StatusCode = status;
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title, Detail = detail };
        foreach (var (k, v) in extensions ?? [])
        {
            problem.Extensions[k] = v;
        }

        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
    }
}
